package campfire.people;

import campfire.accounts.AvatarAddress;
import campfire.accounts.User;
import campfire.accounts.Users;
import campfire.db.Database;
import campfire.files.Images;
import campfire.files.Storage;
import campfire.web.Signer;
import java.util.Optional;

/** People's pictures: uploads kept as 512px squares, else initials on a colour of their own. */
public final class Avatars {
  public static final int SIZE = 512;
  static final String FOLDER = "avatars";
  static final String[] HUES = {"#c92a2a", "#a61e4d", "#862e9c", "#5f3dc4", "#364fc7", "#1864ab", "#0b7285", "#087f5b",
      "#29853c", "#50820b", "#b35c00", "#d0450e", "#495057", "#9c36b5", "#3b5bdb", "#0b7f92", "#278639", "#aa6300"};

  private final Database database;
  private final Storage storage;
  private final Images images;
  private final Signer signer;

  public Avatars(Database database, Storage storage, Images images, Signer signer) {
    this.images = images;
    this.database = database;
    this.storage = storage;
    this.signer = signer;
  }

  /** The picture's address: a signed token (ids are not enumerable) and the last change as a cache buster. */
  public String url(User user) { return AvatarAddress.of(signer, user); }

  public Optional<Long> userIdFrom(String token) { return AvatarAddress.userIdFrom(signer, token); }

  /** Decodes and resizes an upload (refusing what is not a picture) before anything is saved. */
  public byte[] prepare(byte[] picture) { return images.square(picture, SIZE); }

  public void store(User user, byte[] png) {
    String key = write(storage, png);
    database.writeVoid(h -> Users.setAvatar(h, user.id(), key));
    storage.delete(FOLDER, user.avatarKey());
  }

  /** A picture brought over from another install: sized as uploads are and stored; the key for the person's row. */
  public static String keep(Storage storage, Images images, byte[] picture) {
    return write(storage, images.square(picture, SIZE));
  }

  private static String write(Storage storage, byte[] png) {
    String key = Signer.randomToken(18) + ".png";
    storage.write(FOLDER, key, png);
    return key;
  }

  public void remove(User user) {
    database.writeVoid(h -> Users.setAvatar(h, user.id(), null));
    storage.delete(FOLDER, user.avatarKey());
  }

  public Optional<byte[]> uploaded(User user) { return storage.read(FOLDER, user.avatarKey()); }


  public static String initialsSvg(User user) {
    String initials = user.initials().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\"><rect width=\"512\" height=\"512\" fill=\""
        + HUES[user.hue()] + "\"/><text x=\"50%\" y=\"50%\" dy=\"0.35em\" text-anchor=\"middle\" "
        + "font-family=\"system-ui, -apple-system, sans-serif\" font-size=\"210\" font-weight=\"600\" fill=\"#fff\">"
        + initials + "</text></svg>";
  }

  public static String botSvg(User user) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\"><rect width=\"512\" height=\"512\" fill=\""
        + HUES[user.hue()] + "\"/><g fill=\"none\" stroke=\"#fff\" stroke-width=\"28\" stroke-linecap=\"round\" "
        + "stroke-linejoin=\"round\"><rect x=\"136\" y=\"176\" width=\"240\" height=\"190\" rx=\"44\"/><path d=\"M256 176v-56\"/>"
        + "<circle cx=\"256\" cy=\"104\" r=\"16\" fill=\"#fff\"/><path d=\"M136 270h-30M376 270h30\"/></g>"
        + "<circle cx=\"208\" cy=\"256\" r=\"22\" fill=\"#fff\"/><circle cx=\"304\" cy=\"256\" r=\"22\" fill=\"#fff\"/>"
        + "<path d=\"M212 318h88\" stroke=\"#fff\" stroke-width=\"24\" stroke-linecap=\"round\"/></svg>";
  }
}
