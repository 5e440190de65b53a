package campfire.messages;

import campfire.domain.DomainError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.rooms.Room;
import campfire.rooms.Rooms;
import campfire.support.TestDatabase;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How messages are kept and paged, read straight from the store, without a server. */
class MessageRulesTest {
  TestDatabase db;
  Messages messages;
  Room lounge;
  Room plans;
  long ada;
  long bob;

  @BeforeEach
  void rooms() {
    db = new TestDatabase();
    messages = new Messages(db.database());
    Rooms rooms = new Rooms(db.database());
    ada = db.person("Ada Admin", "administrator");
    bob = db.member("Bob");
    lounge = rooms.createOpen("Lounge", ada);
    plans = rooms.createClosed("Plans", ada, Set.of(bob));
  }

  @AfterEach
  void close() { db.close(); }

  @Test
  void a_retried_post_answers_with_the_message_it_made_and_the_same_id_elsewhere_is_refused() {
    Messages.Posted first = messages.post(lounge.id(), bob, "retry-1", "<p>Hello</p>");
    assertThat(first.created()).isTrue();
    assertThat(first.markedUnread()).containsExactly(ada);

    Messages.Posted again = messages.post(lounge.id(), bob, "retry-1", "<p>Hello again</p>");
    assertThat(again.created()).isFalse();
    assertThat(again.message().id()).isEqualTo(first.message().id());
    assertThat(again.message().bodyHtml()).isEqualTo("<p>Hello</p>");

    assertThatThrownBy(() -> messages.post(plans.id(), bob, "retry-1", "<p>Elsewhere</p>")).isInstanceOf(DomainError.Conflict.class);
    assertThat(messages.post(lounge.id(), ada, "retry-1", "<p>Ada's own</p>").created())
        .as("another author's client id is their own").isTrue();
    assertThat(messages.count(lounge.id())).isEqualTo(2);
  }

  @Test
  void a_post_is_the_room_s_latest_and_keeps_its_plain_text_for_search() {
    Messages.Posted posted = messages.post(plans.id(), ada, "p-1", "<p>The <strong>kettle</strong> is on</p>");
    assertThat(posted.message().bodyPlain()).isEqualTo("The kettle is on");
    assertThat(db.count("SELECT last_message_at FROM rooms WHERE id = ?", plans.id())).isEqualTo(posted.message().createdAt());
    assertThat(messages.find(lounge.id(), posted.message().id())).as("a message is found in its own room only").isEmpty();
    assertThat(messages.findVisibleTo(bob, posted.message().id())).isPresent();
  }

  @Test
  void pages_hold_forty_oldest_first_and_reach_both_ways() {
    long[] ids = new long[100];
    for (int i = 0; i < ids.length; i++) ids[i] = messages.post(lounge.id(), bob, "m-" + i, "<p>number " + i + "</p>").message().id();

    var latest = messages.latest(lounge.id());
    assertThat(latest).hasSize(Messages.PAGE);
    assertThat(latest.getFirst().id()).isEqualTo(ids[60]);
    assertThat(latest.getLast().id()).isEqualTo(ids[99]);
    assertThat(messages.before(lounge.id(), ids[60]).getLast().id()).isEqualTo(ids[59]);
    assertThat(messages.before(lounge.id(), ids[10])).hasSize(10);
    assertThat(messages.after(lounge.id(), ids[0]).getFirst().id()).isEqualTo(ids[1]);
    var around = messages.around(lounge.id(), ids[50]);
    assertThat(around).hasSize(Messages.PAGE * 2 + 1);
    assertThat(around.get(Messages.PAGE).id()).isEqualTo(ids[50]);
  }

  @Test
  void an_edit_changes_the_body_and_a_catching_up_client_sees_it_and_a_deletion_is_gone() {
    Message message = messages.post(lounge.id(), bob, "e-1", "<p>Frist</p>").message();
    long before = message.updatedAt();
    Message edited = messages.edit(message, "<p>First</p>");
    assertThat(edited.bodyPlain()).isEqualTo("First");
    assertThat(messages.changedSince(lounge.id(), before - 1)).extracting(Message::id).containsExactly(message.id());
    assertThat(messages.lastBy(lounge.id(), bob)).map(Message::id).contains(message.id());

    messages.delete(edited);
    assertThat(messages.find(lounge.id(), message.id())).isEmpty();
    assertThat(messages.count(lounge.id())).isZero();
  }
}
