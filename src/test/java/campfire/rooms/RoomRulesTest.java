package campfire.rooms;

import campfire.domain.DomainError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.db.Database;
import campfire.support.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who is in which room, read straight from the stores, without a server. */
class RoomRulesTest {
  TestDatabase db;
  Rooms rooms;
  long ada;
  long bob;
  long cy;
  long echo;

  @BeforeEach
  void people() {
    db = new TestDatabase();
    rooms = new Rooms(db.database());
    ada = db.person("Ada Admin", "administrator");
    bob = db.member("Bob");
    cy = db.member("Cy");
    echo = db.person("Echo", "bot");
  }

  @AfterEach
  void close() { db.close(); }

  @Test
  void rooms_and_memberships_are_stamped_by_the_database_s_clock() {
    java.time.Instant noon = java.time.Instant.parse("2026-01-31T12:00:00Z");
    try (TestDatabase fixed = new TestDatabase(java.time.Clock.fixed(noon, java.time.ZoneOffset.UTC))) {
      long zoe = fixed.member("Zoe");
      Room lounge = new Rooms(fixed.database()).createOpen("Lounge", zoe);
      assertThat(fixed.count("SELECT created_at FROM rooms WHERE id = ?", lounge.id())).isEqualTo(noon.toEpochMilli());
      assertThat(fixed.count("SELECT created_at FROM memberships WHERE room_id = ? AND user_id = ?", lounge.id(), zoe))
          .isEqualTo(noon.toEpochMilli());
    }
  }

  @Test
  void an_open_room_is_everyone_s_but_the_bots_and_a_newcomer_joins_every_open_room_once() {
    Room lounge = rooms.createOpen("Lounge", ada);
    assertThat(rooms.memberIds(lounge.id())).containsExactlyInAnyOrder(ada, bob, cy);

    long dee = db.member("Dee");
    db.database().writeVoid(h -> Rooms.grantOpenRoomsTo(h, dee));
    db.database().writeVoid(h -> Rooms.grantOpenRoomsTo(h, dee));
    assertThat(rooms.memberIds(lounge.id())).containsExactlyInAnyOrder(ada, bob, cy, dee);
  }

  @Test
  void a_closed_room_holds_the_people_chosen_and_its_creator_never_an_unknown_or_inactive_id() {
    db.database().writeVoid(h -> h.execute("UPDATE users SET active = 0 WHERE id = ?", cy));
    Room plans = rooms.createClosed("Plans", ada, Set.of(bob, cy, 999L, echo));
    assertThat(rooms.memberIds(plans.id())).containsExactlyInAnyOrder(ada, bob);
    assertThat(rooms.findFor(bob, plans.id())).isPresent();
    assertThat(rooms.findFor(cy, plans.id())).as("a room is read through its members only").isEmpty();
  }

  @Test
  void saving_a_closed_room_keeps_its_bots_and_editor_and_says_who_came_and_went() {
    Room plans = rooms.createClosed("Plans", ada, Set.of(bob));
    db.database().writeVoid(h -> Memberships.grant(h, plans.id(), List.of(echo), "mentions"));

    Rooms.Change change = rooms.update(plans, "Plans", Room.CLOSED, Set.of(cy), ada);
    assertThat(change.revision().added()).containsExactly(cy);
    assertThat(change.revision().removed()).containsExactly(bob);
    assertThat(rooms.memberIds(plans.id())).containsExactlyInAnyOrder(ada, cy, echo);

    Rooms.Change opened = rooms.update(change.room(), "Plans", Room.OPEN, Set.of(), cy);
    assertThat(opened.revision().added()).containsExactly(bob);
    assertThat(rooms.memberIds(plans.id())).containsExactlyInAnyOrder(ada, bob, cy, echo);
  }

  @Test
  void a_ping_is_found_again_for_the_same_people_and_the_last_one_out_takes_it_away() {
    Rooms.Direct first = rooms.findOrCreateDirect(ada, Set.of(bob));
    assertThat(first.created()).isTrue();
    assertThat(rooms.findOrCreateDirect(bob, Set.of(ada)).room().id()).isEqualTo(first.room().id());
    assertThat(rooms.findOrCreateDirect(ada, Set.of(bob, cy)).created()).as("another set of people is another Ping").isTrue();
    assertThatThrownBy(() -> rooms.findOrCreateDirect(ada, Set.of(ada))).isInstanceOf(DomainError.Invalid.class);

    assertThat(rooms.leave(first.room(), ada)).isFalse();
    assertThat(rooms.memberIds(first.room().id())).containsExactly(bob);
    assertThat(rooms.leave(first.room(), bob)).isTrue();
    assertThat(db.count("SELECT COUNT(*) FROM rooms WHERE id = ?", first.room().id())).isZero();
  }

  @Test
  void a_new_message_marks_the_room_unread_for_everyone_away_but_its_author() {
    Room lounge = rooms.createOpen("Lounge", ada);
    assertThat(connect(cy, lounge.id())).isTrue();

    assertThat(markUnread(lounge.id(), ada)).as("Cy is looking at the room; Ada wrote it").containsExactly(bob);
    assertThat(markUnread(lounge.id(), ada)).as("a room already unread is not marked again").isEmpty();

    db.database().writeVoid(h -> Memberships.disconnect(h, cy, lounge.id()));
    assertThat(connect(bob, lounge.id())).as("opening it reads it").isTrue();
    assertThat(db.count("SELECT COUNT(*) FROM memberships WHERE room_id = ? AND unread_at IS NOT NULL", lounge.id())).isZero();
    assertThat(connect(bob, 999_999)).as("not a member: nothing to read").isFalse();
  }

  private List<Long> markUnread(long roomId, long authorId) {
    return db.database().write(h -> Memberships.markUnread(h, roomId, authorId, Database.now(h)));
  }

  private boolean connect(long userId, long roomId) {
    Boolean member = db.database().write(h -> Memberships.connect(h, userId, roomId));
    return member;
  }

  @Test
  void leaving_the_shared_rooms_keeps_the_pings_and_a_retired_bot_leaves_everything() {
    Room lounge = rooms.createOpen("Lounge", ada);
    Room ping = rooms.findOrCreateDirect(ada, Set.of(bob, echo)).room();

    db.database().writeVoid(h -> Memberships.leaveSharedRooms(h, bob));
    assertThat(rooms.memberIds(lounge.id())).doesNotContain(bob);
    assertThat(rooms.memberIds(ping.id())).contains(bob);

    db.database().writeVoid(h -> Memberships.leaveEveryRoom(h, echo));
    assertThat(rooms.memberIds(ping.id())).containsExactlyInAnyOrder(ada, bob);
  }
}
