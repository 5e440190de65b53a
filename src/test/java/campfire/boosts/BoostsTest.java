package campfire.boosts;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.realtime.Streams;
import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoostsTest {
  TestServer server;
  WebClient alice;
  WebClient bob;
  long allTalk;
  long message;
  String clientId;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = Fixtures.admin(server);
    bob = Fixtures.member(server, "Bob Member", "bob@example.com");
    allTalk = Fixtures.allTalk(server);
    alice.get("/rooms/" + allTalk);
    bob.get("/rooms/" + allTalk);
    message = Fixtures.say(server, alice, allTalk, "<p>We shipped it</p>");
    clientId = server.string("SELECT client_message_id FROM messages WHERE id = ?", message);
  }

  @AfterEach
  void stop() { server.close(); }

  HttpResponse<String> boost(WebClient who, long messageId, String content) {
    return who.postStream("/messages/" + messageId + "/boosts", Map.of("boost[content]", content));
  }

  long boosts() { return server.count("SELECT COUNT(*) FROM boosts"); }

  @Test
  void a_boost_is_stored_and_answered_with_the_new_boosts_of_the_message() {
    HttpResponse<String> response = boost(bob, message, "🎉 nice work");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).contains("<turbo-stream action=\"replace\" target=\"boosts_message_" + clientId + "\">",
        "id=\"boosts_message_" + clientId + "\"", "🎉 nice work", "Bob Member");
    assertThat(boosts()).isEqualTo(1);
    assertThat(alice.get("/rooms/" + allTalk).body()).contains("class=\"boost__content\">🎉 nice work</span>");
    assertThat(alice.get("/messages/" + message + "/boosts").body()).contains("🎉 nice work");
    assertThat(alice.get("/messages/" + message + "/boosts/new").body()).contains("name=\"boost[content]\"", "👍", "🔥");
  }

  @Test
  void a_boost_reaches_everyone_in_the_room_live() {
    String identifier = CableClient.identifier(Map.of("channel", "RoomMessagesChannel",
        "signed_stream_name", server.app().streamNames().sign(Streams.roomMessages(allTalk))));
    try (CableClient cable = CableClient.connect(server, alice.cookie("session_token"))) {
      assertThat(cable.subscribeAndWait(identifier)).isTrue();
      boost(bob, message, "👏");
      assertThat(cable.await(f -> f.path("message").asText().contains("boosts_message_" + clientId)
          && f.path("message").asText().contains("👏"), CableClient.WAIT)).isNotNull();
    }
  }

  @Test
  void only_the_booster_removes_a_boost() {
    boost(bob, message, "👍");
    long boostId = server.count("SELECT id FROM boosts");
    String path = "/messages/" + message + "/boosts/" + boostId;
    assertThat(alice.postStream(path, Map.of("_method", "delete")).statusCode()).isEqualTo(403);
    assertThat(boosts()).isEqualTo(1);
    HttpResponse<String> removed = bob.postStream(path, Map.of("_method", "delete"));
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(removed.body()).contains("target=\"boosts_message_" + clientId + "\"").doesNotContain("👍");
    assertThat(boosts()).isZero();
    assertThat(bob.postStream(path, Map.of("_method", "delete")).statusCode()).isEqualTo(404);
  }

  @Test
  void bad_boosts_get_a_clear_4xx_and_store_nothing() {
    assertThat(boost(bob, message, "x".repeat(17)).statusCode()).isEqualTo(422);
    assertThat(boost(bob, message, "   ").statusCode()).isEqualTo(422);
    assertThat(boost(bob, message, "bad\u0007bell").statusCode()).isEqualTo(422);
    assertThat(bob.postStream("/messages/" + message + "/boosts", Map.of()).statusCode()).isEqualTo(422);
    assertThat(boost(bob, 99999, "👍").statusCode()).isEqualTo(404);
    assertThat(bob.postRaw("/messages/" + message + "/boosts", Map.of("boost[content]", "no token")).statusCode()).isEqualTo(422);
    assertThat(boosts()).isZero();
    // Sixteen characters, counted as a person counts them (emoji are one each), are fine.
    assertThat(boost(bob, message, "🔥".repeat(16)).statusCode()).isEqualTo(201);
  }

  @Test
  void people_outside_the_room_cannot_see_or_boost_its_messages() {
    WebClient carol = Fixtures.member(server, "Carol Member", "carol@example.com");
    long secret = server.app().database().write(h -> {
      long now = campfire.db.Database.now(h);
      long roomId = h.createUpdate("INSERT INTO rooms (name, type, creator_id, created_at, updated_at) VALUES ('Secret', 'closed', 1, ?, ?)")
          .bind(0, now).bind(1, now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      h.execute("INSERT INTO memberships (room_id, user_id, created_at) VALUES (?, 1, ?)", roomId, now);
      return roomId;
    });
    long hidden = Fixtures.say(server, alice, secret, "<p>only for me</p>");
    carol.get("/rooms/" + allTalk);
    assertThat(boost(carol, hidden, "👀").statusCode()).isEqualTo(404);
    assertThat(carol.get("/messages/" + hidden + "/boosts").statusCode()).isEqualTo(404);
    assertThat(boosts()).isZero();
  }
}
