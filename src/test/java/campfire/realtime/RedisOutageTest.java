package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import campfire.support.Fixtures;
import campfire.support.RedisServers;
import campfire.support.TestServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A private Redis is killed under two instances and started again on the same port. */
class RedisOutageTest {

  @Test
  void losingRedisKeepsLiveUpdatesLocalThenRecoveryJoinsTheInstancesAgainWithoutDuplicates() {
    Logger logger = (Logger) LoggerFactory.getLogger(RedisBroadcaster.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (RedisServers.Private redis = RedisServers.startPrivate(); TwoInstances instances = new TwoInstances(redis.url());
        CableClient onA = TwoInstances.cable(instances.a, instances.aliceOnA);
        CableClient onB = TwoInstances.cable(instances.b, instances.aliceOnB)) {
      assertThat(onA.subscribeAndWait(TwoInstances.roomMessages(instances.a, instances.allTalk))).isTrue();
      assertThat(onB.subscribeAndWait(TwoInstances.roomMessages(instances.b, instances.allTalk))).isTrue();
      say(instances.a, instances, "before the outage");
      assertThat(carrying(onA, "before the outage")).hasSize(1);
      assertThat(carrying(onB, "before the outage")).hasSize(1);

      redis.kill();
      CablePeople.eventually(() -> assertThat(metric(instances.a, "campfire_redis_connected")).isZero());
      say(instances.a, instances, "during the outage, first");
      say(instances.a, instances, "during the outage, second");
      assertThat(carrying(onA, "during the outage, first")).hasSize(1);
      assertThat(carrying(onA, "during the outage, second")).hasSize(1);
      assertThat(carrying(onB, "during the outage")).isEmpty();
      assertThat(metric(instances.a, "campfire_redis_publish_failures_total")).isGreaterThanOrEqualTo(2);
      assertThat(instances.a.client().get("/session/new").statusCode()).as("an anonymous request is still limited, locally").isEqualTo(200);
      assertThat(metric(instances.a, "campfire_redis_rate_limit_fallbacks_total")).isPositive();
      var ready = instances.a.client().get("/ready", "application/json");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"redis\":\"down\"").contains("\"status\":\"degraded\"");
      assertThat(errors(log)).as("one error per instance for the whole outage, not one per message").hasSize(2);

      redis.start();
      CablePeople.eventually(() -> {
        for (TestServer server : List.of(instances.a, instances.b)) {
          assertThat(metric(server, "campfire_redis_connected")).isEqualTo(1);
          assertThat(server.client().get("/ready", "application/json").body()).contains("\"redis\":\"ok\"");
        }
      });
      say(instances.a, instances, "after the outage, from A");
      say(instances.b, instances, "after the outage, from B");
      for (CableClient client : List.of(onA, onB)) {
        assertThat(carrying(client, "after the outage, from A")).hasSize(1);
        assertThat(carrying(client, "after the outage, from B")).hasSize(1);
        assertThat(carrying(client, "during the outage, first")).hasSizeLessThanOrEqualTo(1);
      }
      assertThat(carrying(onB, "during the outage")).isEmpty();
      assertThat(errors(log)).hasSize(2);
      assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("is back")).hasSize(2);
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void aBroadcastWhosePublishTimesOutIsDeliveredHereOnceEvenWhenRedisSendsItLater() {
    try (RedisServers.Private redis = RedisServers.startPrivate(); TwoInstances instances = new TwoInstances(redis.url());
        CableClient onA = TwoInstances.cable(instances.a, instances.aliceOnA);
        CableClient onB = TwoInstances.cable(instances.b, instances.aliceOnB)) {
      assertThat(onA.subscribeAndWait(TwoInstances.roomMessages(instances.a, instances.allTalk))).isTrue();
      assertThat(onB.subscribeAndWait(TwoInstances.roomMessages(instances.b, instances.allTalk))).isTrue();

      redis.freeze();
      try {
        // Straight to the broadcaster: a post would first wait on the frozen rate-limit buckets.
        instances.a.app().broadcaster().broadcastHtml(Streams.roomMessages(instances.allTalk), "<p>while Redis hangs</p>");
        assertThat(carrying(onA, "while Redis hangs")).as("delivered here when the publish timed out").hasSize(1);
        assertThat(metric(instances.a, "campfire_redis_publish_failures_total")).isEqualTo(1);
      } finally {
        redis.thaw();
      }
      assertThat(onB.await(f -> f.path("message").asText().contains("while Redis hangs"), CableClient.WAIT))
          .as("Redis sends the publish it received before it hung").isNotNull();
      assertThat(carrying(onA, "while Redis hangs")).as("not a second time when Redis sends it back").hasSize(1);
      assertThat(carrying(onB, "while Redis hangs")).hasSize(1);
    }
  }

  private static void say(TestServer server, TwoInstances instances, String text) {
    Fixtures.say(server, server == instances.a ? instances.bobOnA : instances.bobOnB, instances.allTalk, "<p>" + text + "</p>");
  }

  /** Waits a moment for stragglers, then every frame so far carrying the text. */
  private static List<JsonNode> carrying(CableClient client, String text) {
    return client.framesAfter(Duration.ofMillis(500)).stream().filter(f -> f.path("message").asText().contains(text)).toList();
  }

  private static List<ILoggingEvent> errors(ListAppender<ILoggingEvent> log) {
    return List.copyOf(log.list).stream().filter(e -> e.getLevel() == Level.ERROR).toList();
  }

  static double metric(TestServer server, String name) {
    String body = server.client().get("/metrics", "text/plain").body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(body);
    if (!m.find()) throw new AssertionError(name + " is not in /metrics");
    return Double.parseDouble(m.group(2));
  }
}
