package campfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table: every statement that writes a table (INSERT, UPDATE, DELETE) lives in the
 * one class that owns it, so what may happen to a table's rows is read in one file. Other features
 * ask the owner, passing their transaction's handle when the write must commit with theirs.
 * Reads may join across tables; writes may not wander.
 */
@org.junit.jupiter.api.Tag("database-independent")
class TableOwnersTest {
  static final Map<String, String> OWNERS = Map.ofEntries(
      Map.entry("accounts", "accounts/Accounts.java"),
      Map.entry("users", "accounts/Users.java"),
      Map.entry("sessions", "accounts/Sessions.java"),
      Map.entry("rooms", "rooms/Rooms.java"),
      Map.entry("memberships", "rooms/Memberships.java"),
      Map.entry("messages", "messages/Messages.java"),
      Map.entry("boosts", "boosts/Boosts.java"),
      Map.entry("attachments", "attachments/Attachments.java"),
      Map.entry("bans", "admin/Bans.java"),
      Map.entry("push_subscriptions", "push/PushSubscriptions.java"),
      Map.entry("searches", "search/Searches.java"),
      Map.entry("webhooks", "bots/Bots.java"),
      Map.entry("webhook_deliveries", "bots/DeliveryQueue.java"));
  static final Pattern WRITE = Pattern.compile("(?i)\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([a-z_]+)\\b");
  static final Path SOURCES = Path.of("src/main/java/campfire");

  @Test
  void every_table_is_written_only_by_its_owner() throws IOException {
    List<String> strays = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
        String relative = SOURCES.relativize(file).toString().replace('\\', '/');
        Matcher write = WRITE.matcher(read(file));
        while (write.find()) {
          String owner = OWNERS.get(write.group(1).toLowerCase());
          if (owner != null && !owner.equals(relative)) strays.add(relative + " writes " + write.group(1) + " (owner: " + owner + ")");
        }
      });
    }
    assertThat(strays).as("writes outside the table's owner").isEmpty();
  }

  @Test
  void the_rule_sees_the_owners_own_writes() {
    // So a typo in a path or a pattern that matches nothing cannot make the rule pass vacuously.
    OWNERS.forEach((table, owner) -> {
      Matcher write = WRITE.matcher(read(SOURCES.resolve(owner)));
      boolean found = false;
      while (write.find()) found |= write.group(1).equalsIgnoreCase(table);
      assertThat(found).as(owner + " writes " + table).isTrue();
    });
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
