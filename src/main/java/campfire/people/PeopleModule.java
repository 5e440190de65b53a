package campfire.people;

import java.time.Clock;
import campfire.accounts.AccountsModule;
import campfire.db.Database;
import campfire.files.Images;
import campfire.files.Storage;
import campfire.realtime.Broadcaster;
import campfire.rooms.RoomsModule;
import campfire.web.Access;
import campfire.web.Feature;
import campfire.web.Routes;
import campfire.web.Web;

/** People's own pages: profiles, avatars, their sessions, and carrying a session to another device. */
public final class PeopleModule implements Feature {
  private final Storage storage;
  private final Images images;
  private final Avatars avatars;
  private final AvatarHandlers avatarHandlers;
  private final ProfileHandlers profiles;
  private final TransferHandlers transfers;
  private final QrCodeHandlers qrCodes = new QrCodeHandlers();

  public PeopleModule(Database database, Web web, Broadcaster broadcaster, Clock clock, Storage storage, Images images,
      AccountsModule accounts, RoomsModule rooms) {
    this.storage = storage;
    this.images = images;
    this.avatars = new Avatars(database, storage, images, web.signer());
    this.avatarHandlers = new AvatarHandlers(accounts.users(), avatars);
    SessionTransfers sessionTransfers = new SessionTransfers(web.signer(), clock);
    this.profiles = new ProfileHandlers(rooms.screens(), accounts.users(),
        new Profiles(database, accounts.passwords(), rooms.rooms(), accounts.users()), avatars, sessionTransfers, accounts.sessions(),
        broadcaster);
    this.transfers = new TransferHandlers(web.pages(), accounts.pageFactory(), sessionTransfers, accounts.users(), accounts.sessions(),
        accounts.authentication(), web.clientIp(), accounts.signInLimit());
  }

  /** Files kept on disk beside the database (avatars, the account's logo). */
  public Storage storage() { return storage; }

  /** Bounded picture decoding, shared with every feature that takes pictures. */
  public Images images() { return images; }

  public Avatars avatars() { return avatars; }

  @Override
  public void routes(Routes routes) {
    routes.get("/users/{id}/avatar", avatarHandlers::show, Access.PUBLIC)
        .get("/users/me/profile", profiles::edit)
        .patch("/users/me/profile", profiles::update)
        .put("/users/me/profile", profiles::update)
        .delete("/users/me/avatar", profiles::destroyAvatar)
        .delete("/users/me/sessions", profiles::destroyOtherSessions)
        .get("/users/{id}", profiles::show)
        .get("/session/transfers/{id}", transfers::show, Access.PUBLIC)
        .put("/session/transfers/{id}", transfers::update, Access.PUBLIC)
        .patch("/session/transfers/{id}", transfers::update, Access.PUBLIC)
        .get("/qr_code/{id}", qrCodes::show);
  }
}
