package campfire.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One confirmed subscription of one connection: what it listens to and what its actions do. */
final class Subscription {
  static final long NO_ROOM = -1;

  /** What a channel does with the client's actions and when the subscription ends. */
  interface Behaviour {
    Behaviour NONE = new Behaviour() { };

    default void perform(String action, ObjectNode data) { }

    default void unsubscribed() { }
  }

  private final CableConnection connection;
  private final String identifier;
  private final String stream;
  private final long roomId;
  private final Behaviour behaviour;

  Subscription(CableConnection connection, String identifier, String stream, long roomId, Behaviour behaviour) {
    this.connection = connection;
    this.identifier = identifier;
    this.stream = stream;
    this.roomId = roomId;
    this.behaviour = behaviour;
  }

  CableConnection connection() { return connection; }

  String identifier() { return identifier; }

  /** The stream it receives, or null for a channel that only confirms or only sends. */
  String stream() { return stream; }

  /** The room it is about, so removal from that room can cut it; {@link #NO_ROOM} otherwise. */
  long roomId() { return roomId; }

  void perform(String action, ObjectNode data) { behaviour.perform(action, data); }

  void unsubscribed() { behaviour.unsubscribed(); }
}
