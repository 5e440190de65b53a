package campfire.messages;

import campfire.accounts.AccountsModule;
import campfire.accounts.AvatarAddress;
import campfire.attachments.AttachmentsModule;
import campfire.db.Database;
import campfire.realtime.Broadcaster;
import campfire.realtime.StreamNames;
import campfire.rooms.RoomsModule;
import campfire.web.Feature;
import campfire.web.Routes;
import campfire.web.Web;

/** Messages: the room page and its history, posting (the one path every door takes), editing, deleting. */
public final class MessagesModule implements Feature {
  /** About 64 MB of rendered message HTML: the newest pages of every busy room stay rendered. */
  private static final long FRAGMENT_CACHE_CHARS = 32_000_000;

  private final Messages messages;
  private final MessageFragments fragments;
  private final Posting posting;
  private final RoomPageHandlers roomPages;
  private final MessageHandlers handlers;

  /** @param dev whether templates are read live (then nothing rendered is kept) */
  public MessagesModule(Database database, Web web, Broadcaster broadcaster, StreamNames streamNames, boolean dev,
      AccountsModule accounts, RoomsModule rooms, AttachmentsModule attachments) {
    this.messages = new Messages(database);
    this.fragments = new MessageFragments(web.pages(), web.signer(), dev ? 0 : FRAGMENT_CACHE_CHARS,
        id -> accounts.users().findKept(id).map(person -> AvatarAddress.uploaded(web.signer(), person)).orElse(null));
    this.posting = new Posting(messages, fragments, broadcaster, new Mentions(database, web.signer()));
    this.roomPages = new RoomPageHandlers(rooms.screens(), rooms.rooms(), messages, fragments, streamNames::sign);
    this.handlers = new MessageHandlers(web.pages(), rooms.rooms(), messages, posting, web.csrf(), attachments.attachments());
  }

  public Messages messages() { return messages; }

  /** Where every door posts, and where other features hear of each message posted. */
  public Posting posting() { return posting; }

  @Override
  public void routes(Routes routes) {
    routes.get("/", roomPages::root)
        .get("/rooms", roomPages::root)
        .getPage("/rooms/{id}", roomPages::show)
        .getPage("/rooms/{id}/@{message_id}", roomPages::permalink)
        .getPage("/users/me/sidebar", roomPages::sidebar)
        .getPage("/rooms/{id}/messages", handlers::index)
        .post("/rooms/{id}/messages", handlers::create)
        .get("/rooms/{id}/messages/{message_id}", handlers::show)
        .get("/rooms/{id}/messages/{message_id}/edit", handlers::edit)
        .patch("/rooms/{id}/messages/{message_id}", handlers::update)
        .put("/rooms/{id}/messages/{message_id}", handlers::update)
        .delete("/rooms/{id}/messages/{message_id}", handlers::destroy)
        .get("/rooms/{id}/refresh", handlers::refresh);
  }
}
