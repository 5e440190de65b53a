package campfire.search;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.messages.Messages;
import campfire.rooms.Room;
import campfire.rooms.Rooms;
import campfire.support.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search finds words in the rooms a person is in, and nowhere else; without a server. */
class SearchScopeTest {
  TestDatabase db;
  MessageSearch search;
  Messages messages;
  Rooms rooms;
  long ada;
  long bob;
  long cy;

  @BeforeEach
  void people() {
    db = new TestDatabase();
    search = new MessageSearch(db.database());
    messages = new Messages(db.database());
    rooms = new Rooms(db.database());
    ada = db.person("Ada Admin", "administrator");
    bob = db.member("Bob");
    cy = db.member("Cy");
  }

  @AfterEach
  void close() { db.close(); }

  List<String> found(long userId, String words) {
    return search.newest(userId, SearchQuery.parse(words)).stream().map(result -> result.message().bodyPlain()).toList();
  }

  @Test
  void words_are_found_with_their_stems_only_in_the_rooms_the_person_is_in() {
    Room lounge = rooms.createOpen("Lounge", ada);
    Room plans = rooms.createClosed("Plans", ada, Set.of(bob));
    Room ping = rooms.findOrCreateDirect(ada, Set.of(cy)).room();
    messages.post(lounge.id(), ada, "1", "<p>The campfire is burning</p>");
    messages.post(plans.id(), ada, "2", "<p>Secret campfires in the plans</p>");
    messages.post(ping.id(), ada, "3", "<p>A campfire just for Cy</p>");

    assertThat(found(bob, "campfire")).containsExactlyInAnyOrder("The campfire is burning", "Secret campfires in the plans");
    assertThat(found(cy, "campfire")).containsExactlyInAnyOrder("The campfire is burning", "A campfire just for Cy");
    assertThat(found(ada, "campfires burning")).containsExactly("The campfire is burning");
  }

  @Test
  void leaving_a_room_takes_its_messages_out_of_the_person_s_results_at_once() {
    Room plans = rooms.createClosed("Plans", ada, Set.of(bob));
    messages.post(plans.id(), ada, "1", "<p>Quarterly numbers</p>");
    assertThat(found(bob, "quarterly")).hasSize(1);

    rooms.update(plans, "Plans", Room.CLOSED, Set.of(), ada);
    assertThat(found(bob, "quarterly")).isEmpty();
    assertThat(found(ada, "quarterly")).hasSize(1);
  }

  @Test
  void query_syntax_is_only_ever_words() {
    Room lounge = rooms.createOpen("Lounge", ada);
    messages.post(lounge.id(), ada, "1", "<p>near the fire</p>");
    assertThat(SearchQuery.parse("NEAR(fire the) OR body:* \"").words()).containsExactly("near", "fire", "the", "or", "body");
    assertThat(found(bob, "NEAR(fire the)")).containsExactly("near the fire");
    assertThat(found(bob, "\"*\" :")).isEmpty();
  }
}
