package campfire.messages;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.db.Database;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import campfire.web.Signer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MentionsTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  long allTalk;
  long bobId;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    bobId = Fixtures.userId(server, "bob@example.com");
    alice.get("/rooms/" + allTalk);
    bob.get("/rooms/" + allTalk);
  }

  @AfterEach
  void stop() { server.close(); }

  /** Bob's signed id, as the autocomplete gives it to the composer. */
  String bobsSgid(long roomId) {
    String json = alice.get("/autocompletable/users?room_id=" + roomId + "&query=bob", "application/json").body();
    Matcher m = Pattern.compile("\"sgid\":\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  static String mention(String sgid, String shownName) { return Fixtures.mentionOf(sgid, shownName); }

  long post(String html) {
    return Fixtures.say(server, alice, allTalk, html);
  }

  @Test
  void a_mention_is_stored_with_the_real_name_and_renders_as_name_and_avatar() {
    long id = post("<p>Thanks " + mention(bobsSgid(allTalk), "Somebody Else<img src=x onerror=alert(1)>") + " for the help</p>");
    String stored = server.string("SELECT body_html FROM messages WHERE id = ?", id);
    assertThat(stored).contains("content-type=\"application/vnd.actiontext.mention\"", ">@Bob Member</action-text-attachment>")
        .doesNotContain("Somebody Else", "onerror", "content=");
    assertThat(server.string("SELECT body_plain FROM messages WHERE id = ?", id)).isEqualTo("Thanks @Bob Member for the help");
    String page = bob.get("/rooms/" + allTalk).body();
    assertThat(page).contains("data-mentions=\"" + bobId + "\"",
        "<span class=\"mention\" data-user-id=\"" + bobId + "\"><span class=\"avatar avatar--xs avatar--hue-" + campfire.accounts.User.hue(bobId)
            + " mention__avatar\" aria-hidden=\"true\">BM</span>Bob Member</span>");
    assertThat(page).doesNotContain("<action-text-attachment", ">@Bob Member");
  }

  @Test
  void a_message_of_only_a_mention_is_not_empty() {
    long id = post(mention(bobsSgid(allTalk), "Bob"));
    assertThat(server.string("SELECT body_html FROM messages WHERE id = ?", id)).contains("Bob Member");
  }

  @Test
  void forged_and_unsigned_mentions_are_dropped() {
    String good = bobsSgid(allTalk);
    String forged = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    long id = post("<p>hi " + mention(forged, "Bob") + " and " + mention("1." + "x".repeat(43), "Alice") + "</p>");
    String stored = server.string("SELECT body_html FROM messages WHERE id = ?", id);
    assertThat(stored).doesNotContain("action-text-attachment").contains("hi", "and");
    assertThat(bob.get("/rooms/" + allTalk).body()).doesNotContain("data-mentions=\"" + bobId + "\"");
  }

  @Test
  void a_mention_of_someone_outside_the_room_is_ignored() {
    String sgid = bobsSgid(allTalk);
    long secret = server.app().database().write(h -> {
      long now = Database.now(h);
      long roomId = h.createUpdate("INSERT INTO rooms (name, type, creator_id, created_at, updated_at) VALUES ('Secret', 'closed', 1, ?, ?)")
          .bind(0, now).bind(1, now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      h.execute("INSERT INTO memberships (room_id, user_id, created_at) VALUES (?, 1, ?)", roomId, now);
      return roomId;
    });
    long id = Fixtures.say(server, alice, secret, "<p>psst " + mention(sgid, "Bob") + "</p>");
    assertThat(server.string("SELECT body_html FROM messages WHERE id = ?", id)).doesNotContain("action-text-attachment", "Bob");
    var onlyMention = alice.postStream("/rooms/" + secret + "/messages", Map.of("message[body]", mention(sgid, "Bob"),
        "message[client_message_id]", "only-mention"));
    assertThat(onlyMention.statusCode()).isEqualTo(422);
  }

  @Test
  void a_signature_for_another_purpose_is_not_a_mention() {
    // A valid signature made for another purpose (here a stream name) must not pass as a user reference.
    String otherPurpose = server.app().streamNames().sign(Long.toString(bobId));
    long id = post("<p>x " + mention(otherPurpose, "Bob") + "</p>");
    assertThat(server.string("SELECT body_html FROM messages WHERE id = ?", id)).doesNotContain("action-text-attachment");
    assertThat(new Signer("s".repeat(40)).verify("user", otherPurpose)).isNull();
  }

  @Test
  void editing_keeps_checked_mentions_and_loads_them_back_into_the_editor() {
    long id = post("<p>hey " + mention(bobsSgid(allTalk), "Bob") + "</p>");
    String edit = alice.get("/rooms/" + allTalk + "/messages/" + id + "/edit").body();
    assertThat(edit).contains("action-text-attachment", "content=");
    var updated = alice.postStream("/rooms/" + allTalk + "/messages/" + id,
        Map.of("_method", "patch", "message[body]", "<p>hello " + mention(bobsSgid(allTalk), "Bob") + "</p>"));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.body()).contains("class=\"mention\"", "Bob Member", "hello");
  }
}
