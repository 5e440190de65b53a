package campfire.support;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a refused or bad request must never change: rooms, memberships, messages, boosts, people, the account and the rest, as one string. */
public final class Snapshot {
  private Snapshot() {}

  public static String of(TestServer server) {
    return Stream.of(server.strings("SELECT 'rooms ' || COUNT(*) FROM rooms"),
        server.strings("SELECT 'room ' || id || ' ' || COALESCE(name, '') || ' ' || type FROM rooms ORDER BY id"),
        server.strings("SELECT 'member ' || room_id || ' ' || user_id || ' ' || involvement FROM memberships ORDER BY room_id, user_id"),
        server.strings("SELECT 'message ' || id || ' ' || body_html FROM messages ORDER BY id"),
        server.strings("SELECT 'boost ' || id || ' ' || content FROM boosts ORDER BY id"),
        server.strings("SELECT 'user ' || id || ' ' || name || ' ' || role || ' ' || active || ' ' || email_address || ' '"
            + " || COALESCE(bot_token, '') || ' ' || COALESCE(bio, '') || ' ' || password_digest FROM users ORDER BY id"),
        server.strings("SELECT 'account ' || name || ' ' || join_code || ' ' || COALESCE(custom_styles, '') FROM accounts"),
        server.strings("SELECT 'sessions ' || COUNT(*) FROM sessions"),
        server.strings("SELECT 'bans ' || COUNT(*) FROM bans"),
        server.strings("SELECT 'webhooks ' || COUNT(*) FROM webhooks"),
        server.strings("SELECT 'push ' || COUNT(*) FROM push_subscriptions"),
        server.strings("SELECT 'searches ' || COUNT(*) FROM searches")).map(Object::toString).collect(Collectors.joining("|"));
  }
}
