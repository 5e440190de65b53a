package campfire.ops;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security events on their own logger ("campfire.audit"): sign-ins, failed sign-ins, role changes,
 * bans, bot key resets, deactivations, backups, restores. Never passwords, tokens or cookies.
 */
public final class Audit {
  private static final Logger LOG = LoggerFactory.getLogger("campfire.audit");

  private Audit() {}

  /** An event with name/value pairs, e.g. {@code Audit.event("login", "user_id", 7, "ip", ip)}. */
  public static void event(String event, Object... pairs) {
    List<Object> args = new ArrayList<>();
    args.add(kv("event", event));
    StringBuilder message = new StringBuilder("audit {}");
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      args.add(kv(String.valueOf(pairs[i]), pairs[i + 1]));
      message.append(" {}");
    }
    LOG.info(message.toString(), args.toArray());
  }
}
