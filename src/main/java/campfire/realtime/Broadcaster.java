package campfire.realtime;

/**
 * Live delivery to cable subscribers, by stream name (see {@link Streams}). The transport behind it
 * is in-process today and Redis pub/sub when scaled out. Callers render once and pass the result;
 * the same payload goes to every subscriber.
 */
public interface Broadcaster {
  /** A Turbo Stream HTML fragment, for RoomMessagesChannel and Turbo::StreamsChannel subscribers. */
  void broadcastHtml(String stream, String turboStreamHtml);

  /** A JSON object, already serialised, for the JSON channels (unread, read, typing). */
  void broadcastJson(String stream, String json);

  /** Cuts a person's live subscriptions to everything of a room at once (removed from the room). */
  void disconnectFromRoom(long userId, long roomId);

  /** The session id of {@link #disconnectSessions} that means every session of the person. */
  long EVERY_SESSION = 0;

  /**
   * Closes a person's sockets on every instance, as unauthorized and not to reconnect: those of one
   * session (signed out), or of every session ({@link #EVERY_SESSION}: deactivated, banned).
   */
  void disconnectSessions(long userId, long sessionId);

  /**
   * Tells every instance, this one included, that what {@code topic} names has changed, so each
   * forgets what it keeps of it in memory (the listeners given to {@link #onChange}).
   */
  void changed(String topic);

  /**
   * Runs {@code forget} whenever {@code topic} changes, here or on another instance, and whenever
   * changes may have been missed (Redis was unreachable, then came back).
   */
  void onChange(String topic, Runnable forget);
}
