package campfire.search;

import campfire.messages.Message;

/** A message that matched, with the name of the room it was said in. */
public record SearchResult(Message message, String roomName, boolean direct) {}
