package campfire.messages;

import campfire.db.Database;
import campfire.web.Signer;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Mentions arrive as embedded references carrying a signed user id. Each is checked: a forged
 * signature or someone who is not in the room is dropped; a good one is stored with the
 * person's current name, never the name the browser sent.
 */
public final class Mentions {
  private final Database database;
  private final Signer signer;

  public Mentions(Database database, Signer signer) {
    this.database = database;
    this.signer = signer;
  }

  /** The sanitised body with every embedded reference verified for this room. */
  public String resolve(String sanitizedHtml, long roomId) {
    if (!sanitizedHtml.contains(Presentation.ATTACHMENT_TAG)) return sanitizedHtml;
    Document doc = Presentation.fragment(sanitizedHtml);
    for (Element embedded : doc.select(Presentation.ATTACHMENT_TAG)) {
      String type = embedded.attr("content-type");
      if (Presentation.MENTION_TYPE.equals(type)) {
        Optional<String> name = memberName(embedded.attr("sgid"), roomId);
        if (name.isEmpty()) {
          embedded.remove();
        } else {
          String sgid = embedded.attr("sgid");
          // "@Name" in the stored text, so search, push notifications and bots read the mention too.
          embedded.clearAttributes().attr("sgid", sgid).attr("content-type", Presentation.MENTION_TYPE).text("@" + name.get());
        }
      } else if (!Presentation.OPENGRAPH_TYPE.equals(type) || !embedded.attr("url").matches("https?://\\S+")) {
        embedded.remove();
      } else {
        embedded.empty();
      }
    }
    return doc.body().html();
  }

  private Optional<String> memberName(String sgid, long roomId) {
    String id = signer.verify("user", sgid);
    if (id == null || !id.matches("\\d{1,18}")) return Optional.empty();
    return database.read(h -> h.createQuery("SELECT u.name FROM users u JOIN memberships m ON m.user_id = u.id "
            + "WHERE u.id = ? AND m.room_id = ? AND u.active = 1")
        .bind(0, Long.parseLong(id)).bind(1, roomId).mapTo(String.class).findOne());
  }
}
