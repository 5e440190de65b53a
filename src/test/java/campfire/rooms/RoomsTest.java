package campfire.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomsTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  WebClient carol;
  long aliceId;
  long bobId;
  long carolId;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    carol = Fixtures.member(server, "Carol Member", "carol@example.com");
    aliceId = Fixtures.userId(server, "alice@example.com");
    bobId = Fixtures.userId(server, "bob@example.com");
    carolId = Fixtures.userId(server, "carol@example.com");
    for (WebClient client : new WebClient[] {alice, bob, carol}) client.get("/rooms/opens/new");
  }

  @AfterEach
  void stop() { server.close(); }

  /** A form with repeated user_ids[] fields, as the browser sends it. */
  HttpResponse<String> submit(WebClient who, String path, String method, String name, long... userIds) {
    StringBuilder body = new StringBuilder("authenticity_token=" + enc(who.csrfToken()));
    if (method != null) body.append("&_method=").append(method);
    if (name != null) body.append("&").append(enc("room[name]")).append("=").append(enc(name));
    for (long id : userIds) body.append("&").append(enc("user_ids[]")).append("=").append(id);
    return who.send(HttpRequest.newBuilder(URI.create(server.url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  static String enc(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8); }

  long roomFrom(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/rooms/\\d+");
    return Long.parseLong(location.substring("/rooms/".length()));
  }

  long members(long roomId) { return server.count("SELECT COUNT(*) FROM memberships WHERE room_id = ?", roomId); }

  @Test
  void an_open_room_includes_everyone_and_appears_in_every_sidebar() {
    long room = roomFrom(submit(bob, "/rooms/opens", null, "Watercooler"));
    assertThat(members(room)).isEqualTo(3);
    assertThat(server.string("SELECT type FROM rooms WHERE id = ?", room)).isEqualTo("open");
    assertThat(carol.get("/rooms/" + room).body()).contains("Watercooler", "id=\"list_room_" + room + "\"");
    assertThat(roomFrom(submit(bob, "/rooms/opens", null, ""))).isGreaterThan(room);
    assertThat(server.count("SELECT COUNT(*) FROM rooms WHERE name = 'New room'")).isEqualTo(1);
  }

  @Test
  void a_closed_room_has_exactly_its_people_and_stays_hidden_from_everyone_else() {
    long room = roomFrom(submit(bob, "/rooms/closeds", null, "Secret plans", carolId));
    assertThat(members(room)).isEqualTo(2);
    HttpResponse<String> inside = carol.get("/rooms/" + room);
    assertThat(inside.statusCode()).isEqualTo(200);
    // A padlock marks it in the header and in the sidebar (the header, the link, nothing else: All Talk keeps its #).
    assertThat(inside.body().split("class=\"lock-glyph\"", -1)).hasSize(3);
    HttpResponse<String> outsider = alice.get("/rooms/" + room);
    assertThat(outsider.statusCode()).isEqualTo(404);
    assertThat(outsider.body()).doesNotContain("Secret plans");
    assertThat(alice.get("/").body()).doesNotContain("Secret plans");
    assertThat(alice.get("/rooms/" + room + "/messages").statusCode()).isEqualTo(404);
    assertThat(alice.get("/rooms/closeds/" + room + "/edit").statusCode()).isEqualTo(404);
    assertThat(alice.postStream("/rooms/" + room + "/messages", java.util.Map.of("message[body]", "<p>hi</p>")).statusCode()).isEqualTo(404);
  }

  @Test
  void converting_between_open_and_closed_grants_and_revokes_memberships() {
    long room = roomFrom(submit(bob, "/rooms/opens", null, "Projects"));
    assertThat(members(room)).isEqualTo(3);
    assertThat(submit(bob, "/rooms/closeds/" + room, "patch", "Projects (private)", carolId).statusCode()).isEqualTo(303);
    assertThat(server.string("SELECT type FROM rooms WHERE id = ?", room)).isEqualTo("closed");
    assertThat(members(room)).isEqualTo(2);
    assertThat(alice.get("/rooms/" + room).statusCode()).isEqualTo(404);

    assertThat(submit(bob, "/rooms/opens/" + room, "patch", "Projects").statusCode()).isEqualTo(303);
    assertThat(server.string("SELECT type FROM rooms WHERE id = ?", room)).isEqualTo("open");
    assertThat(members(room)).isEqualTo(3);
    assertThat(alice.get("/rooms/" + room).body()).contains("Projects");
  }

  @Test
  void a_ping_is_left_by_its_people_and_deleted_for_everyone_only_by_an_administrator() {
    long ping = roomFrom(submit(bob, "/rooms/directs", null, null, carolId));
    assertThat(submit(bob, "/rooms/" + ping, "delete", null).statusCode()).isEqualTo(403);
    assertThat(members(ping)).isEqualTo(2);
    assertThat(bob.get("/rooms/directs/" + ping + "/edit").body()).contains("Leave this Ping").doesNotContain("Delete this Ping");

    assertThat(submit(bob, "/rooms/directs/" + ping, "delete", null).statusCode()).isEqualTo(303);
    assertThat(members(ping)).isEqualTo(1);
    assertThat(bob.get("/rooms/" + ping).statusCode()).isEqualTo(404);
    assertThat(carol.get("/rooms/" + ping).statusCode()).isEqualTo(200);
    assertThat(submit(carol, "/rooms/directs/" + ping, "delete", null).statusCode()).as("the last one out").isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM rooms WHERE id = ?", ping)).isZero();

    long adminPing = roomFrom(submit(alice, "/rooms/directs", null, null, carolId));
    assertThat(alice.get("/rooms/directs/" + adminPing + "/edit").body()).contains("Delete this Ping");
    assertThat(submit(alice, "/rooms/" + adminPing, "delete", null).statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM rooms WHERE id = ?", adminPing)).isZero();

    long open = roomFrom(submit(bob, "/rooms/opens", null, "Not a Ping"));
    assertThat(submit(bob, "/rooms/directs/" + open, "delete", null).statusCode()).isEqualTo(404);
    assertThat(members(open)).isEqualTo(3);
  }

  @Test
  void saving_a_closed_room_never_drops_the_editor_and_an_administrator_can_remove_its_creator() {
    long room = roomFrom(submit(bob, "/rooms/closeds", null, "Plans", aliceId, carolId));
    String form = alice.get("/rooms/closeds/" + room + "/edit").body();
    assertThat(form).contains("value=\"" + bobId + "\"", "value=\"" + carolId + "\"").doesNotContain("value=\"" + aliceId + "\"");
    // Alice, an administrator, saves it exactly as the form showed it.
    assertThat(submit(alice, "/rooms/closeds/" + room, "patch", "Plans", bobId, carolId).statusCode()).isEqualTo(303);
    assertThat(members(room)).isEqualTo(3);
    assertThat(alice.get("/rooms/" + room).statusCode()).isEqualTo(200);
    // Then she removes the room's creator.
    assertThat(submit(alice, "/rooms/closeds/" + room, "patch", "Plans", carolId).statusCode()).isEqualTo(303);
    assertThat(server.strings("SELECT user_id FROM memberships WHERE room_id = ? ORDER BY user_id", room))
        .containsExactly(Long.toString(aliceId), Long.toString(carolId));
    assertThat(bob.get("/rooms/" + room).statusCode()).isEqualTo(404);
  }

  @Test
  void only_the_creator_or_an_administrator_changes_or_deletes_a_shared_room() {
    long room = roomFrom(submit(bob, "/rooms/opens", null, "Bob's room"));
    assertThat(submit(carol, "/rooms/opens/" + room, "patch", "Carol's now").statusCode()).isEqualTo(403);
    assertThat(submit(carol, "/rooms/" + room, "delete", null).statusCode()).isEqualTo(403);
    assertThat(server.string("SELECT name FROM rooms WHERE id = ?", room)).isEqualTo("Bob's room");
    assertThat(submit(alice, "/rooms/opens/" + room, "patch", "Renamed by admin").statusCode()).isEqualTo(303);
    assertThat(server.string("SELECT name FROM rooms WHERE id = ?", room)).isEqualTo("Renamed by admin");
    assertThat(submit(bob, "/rooms/" + room, "delete", null).statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM rooms WHERE id = ?", room)).isZero();
  }

  @Test
  void a_ping_is_found_or_created_per_set_of_people_and_named_after_the_others() {
    long ping = roomFrom(submit(alice, "/rooms/directs", null, null, bobId));
    assertThat(roomFrom(submit(alice, "/rooms/directs", null, null, bobId))).isEqualTo(ping);
    assertThat(roomFrom(submit(bob, "/rooms/directs", null, null, aliceId))).isEqualTo(ping);
    assertThat(alice.get("/rooms/" + ping).body()).contains("Ping with Bob Member");
    assertThat(bob.get("/rooms/" + ping).body()).contains("Ping with Alice Admin");
    assertThat(carol.get("/rooms/" + ping).statusCode()).isEqualTo(404);
    long group = roomFrom(submit(alice, "/rooms/directs", null, null, bobId, carolId));
    assertThat(group).isNotEqualTo(ping);
    assertThat(carol.get("/rooms/" + group).body()).contains("Ping with Alice Admin, Bob Member");
    assertThat(submit(alice, "/rooms/directs", null, null).statusCode()).isEqualTo(422);
    assertThat(submit(alice, "/rooms/directs", null, null, 424242).statusCode()).isEqualTo(422);
    assertThat(server.string("SELECT involvement FROM memberships WHERE room_id = ? AND user_id = ?", ping, bobId)).isEqualTo("everything");
  }

  @Test
  void room_creation_can_be_restricted_to_administrators() {
    String setting = "account[restrict_room_creation_to_administrators]";
    assertThat(alice.get("/account/edit").body()).contains("Only administrators can create rooms");
    assertThat(bob.get("/rooms/" + Fixtures.allTalk(server)).body()).contains("aria-label=\"New room\"");
    // A value that is neither 0 nor 1 is refused and changes nothing; a member may not change it at all.
    assertThat(alice.post("/account", Map.of("_method", "patch", "account[name]", "Campfire", setting, "maybe")).statusCode()).isEqualTo(422);
    assertThat(bob.post("/account", Map.of("_method", "patch", "account[name]", "Campfire", setting, "1")).statusCode()).isEqualTo(403);
    assertThat(server.count("SELECT COUNT(*) FROM accounts WHERE restrict_room_creation_to_administrators = 1")).isZero();
    assertThat(alice.post("/account", Map.of("_method", "patch", "account[name]", "Campfire", setting, "1")).statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM accounts WHERE restrict_room_creation_to_administrators = 1")).isEqualTo(1);
    // A rename that does not send the setting leaves it as it is.
    assertThat(alice.post("/account", Map.of("_method", "patch", "account[name]", "Our Campfire")).statusCode()).isEqualTo(303);
    assertThat(server.count("SELECT COUNT(*) FROM accounts WHERE restrict_room_creation_to_administrators = 1")).isEqualTo(1);
    assertThat(bob.get("/rooms/" + Fixtures.allTalk(server)).body()).doesNotContain("aria-label=\"New room\"");
    assertThat(alice.get("/rooms/" + Fixtures.allTalk(server)).body()).contains("aria-label=\"New room\"");
    var form = bob.get("/rooms/opens/new");
    assertThat(form.statusCode()).as(form.headers().map().toString()).isEqualTo(403);
    assertThat(submit(bob, "/rooms/opens", null, "Members too").statusCode()).isEqualTo(403);
    assertThat(submit(bob, "/rooms/closeds", null, "Members too", carolId).statusCode()).isEqualTo(403);
    assertThat(server.count("SELECT COUNT(*) FROM rooms WHERE name = 'Members too'")).isZero();
    assertThat(roomFrom(submit(alice, "/rooms/opens", null, "Admins only"))).isPositive();
    assertThat(roomFrom(submit(bob, "/rooms/directs", null, null, carolId))).isPositive();
  }

  @Test
  void the_bell_cycles_and_invisible_hides_the_room_from_the_sidebar() {
    long allTalk = Fixtures.allTalk(server);
    String path = "/rooms/" + allTalk + "/involvement";
    assertThat(bob.get(path).body()).contains("Notifications: mentions only");
    for (String expected : new String[] {"everything", "nothing", "invisible", "mentions"}) {
      assertThat(submit(bob, path, "patch", null).statusCode()).isEqualTo(303);
      assertThat(server.string("SELECT involvement FROM memberships WHERE room_id = ? AND user_id = ?", allTalk, bobId)).isEqualTo(expected);
      if (expected.equals("invisible")) {
        assertThat(bob.get("/users/me/sidebar").body()).doesNotContain("id=\"list_room_" + allTalk + "\"");
      }
    }
    assertThat(bob.postStream(path, java.util.Map.of("_method", "patch", "involvement", "loud")).statusCode()).isEqualTo(422);
    assertThat(bob.get("/users/me/sidebar").body()).contains("id=\"list_room_" + allTalk + "\"");
  }

  @Test
  void autocomplete_finds_people_by_name_and_only_members_of_a_room() {
    long room = roomFrom(submit(bob, "/rooms/closeds", null, "Two of us", carolId));
    String all = alice.get("/autocompletable/users?query=mem", "application/json").body();
    assertThat(all).contains("\"name\":\"Bob Member\"", "\"name\":\"Carol Member\"", "\"value\":", "\"avatar_url\":", "\"sgid\":");
    assertThat(all).doesNotContain("Alice Admin");
    String inRoom = bob.get("/autocompletable/users?query=&room_id=" + room, "application/json").body();
    assertThat(inRoom).contains("Carol Member", "Bob Member").doesNotContain("Alice Admin");
    assertThat(alice.get("/autocompletable/users?query=&room_id=" + room, "application/json").statusCode()).isEqualTo(404);
    assertThat(alice.get("/autocompletable/users?query=%25", "application/json").body()).isEqualTo("[]");
  }
}
