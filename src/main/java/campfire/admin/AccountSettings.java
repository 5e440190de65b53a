package campfire.admin;

import campfire.domain.DomainError;
import campfire.accounts.Account;
import campfire.accounts.Accounts;
import campfire.files.Images;
import campfire.files.Storage;
import campfire.web.Signer;
import java.util.Optional;

/** The account's name, logo and custom CSS, changed by administrators. */
public final class AccountSettings {
  public static final int MAX_NAME = 100;
  public static final int MAX_CUSTOM_STYLES = 50_000;
  public static final int LOGO = 512;
  public static final int SMALL_LOGO = 192;
  static final String FOLDER = "logos";
  private final Accounts accounts;
  private final Storage storage;
  private final Images images;

  public AccountSettings(Accounts accounts, Storage storage, Images images) {
    this.images = images;
    this.accounts = accounts;
    this.storage = storage;
  }

  /**
   * Renames the account and, when a picture came along, replaces its logo (both sizes made before
   * anything is saved); {@code restrictRoomCreation} null leaves that setting as it is.
   */
  public void update(String name, byte[] logo, Boolean restrictRoomCreation) {
    if (name == null || name.isBlank()) throw new DomainError.Invalid("Name can't be blank.");
    if (name.strip().length() > MAX_NAME) throw new DomainError.Invalid("Name is too long (maximum is 100 characters).");
    String previous = current().logoKey();
    String newKey = logo == null ? null : storeLogo(storage, images, logo);
    accounts.rename(name.strip(), newKey, restrictRoomCreation);
    if (newKey != null) deleteLogoFiles(previous);
  }

  /** Both sizes of a logo, made before either is saved; the key for the account's row. */
  public static String storeLogo(Storage storage, Images images, byte[] logo) {
    byte[] large = images.fit(logo, LOGO);
    byte[] small = images.fit(logo, SMALL_LOGO);
    String key = Signer.randomToken(18);
    storage.write(FOLDER, key + "-" + LOGO + ".png", large);
    storage.write(FOLDER, key + "-" + SMALL_LOGO + ".png", small);
    return key;
  }

  public void removeLogo() {
    String previous = current().logoKey();
    accounts.removeLogo();
    deleteLogoFiles(previous);
  }

  public Optional<byte[]> logo(boolean small) {
    String key = current().logoKey();
    return key == null ? Optional.empty() : storage.read(FOLDER, key + "-" + (small ? SMALL_LOGO : LOGO) + ".png");
  }

  public void updateCustomStyles(String css) {
    if (css != null && css.length() > MAX_CUSTOM_STYLES) {
      throw new DomainError.TooLarge("Custom CSS can be at most " + MAX_CUSTOM_STYLES + " characters.");
    }
    String value = css == null || css.isBlank() ? null : css.replace("\r\n", "\n");
    accounts.setCustomStyles(value);
  }

  public Account current() { return accounts.current().orElseThrow(DomainError.NotFound::new); }

  private void deleteLogoFiles(String key) {
    if (key == null) return;
    storage.delete(FOLDER, key + "-" + LOGO + ".png");
    storage.delete(FOLDER, key + "-" + SMALL_LOGO + ".png");
  }
}
