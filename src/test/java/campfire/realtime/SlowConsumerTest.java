package campfire.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.CableClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowConsumerTest {
  private static final int BATCHES = 10;
  private static final int PER_BATCH = 100;
  private CablePeople people;

  @BeforeAll
  void start() { people = new CablePeople(); }

  @AfterAll
  void stop() { people.close(); }

  @Test
  void aClientThatStopsReadingIsCutOffWithoutHoldingUpAnyoneElse() {
    long room = people.room("Busy room", people.aliceId, people.bobId);
    String stream = Streams.roomMessages(room);
    String identifier = people.roomMessages(room);
    String padding = "x".repeat(32 * 1024);
    try (CableClient alice = people.cable(people.alice); CableClient bob = people.cable(people.bob)) {
      assertThat(alice.subscribeAndWait(identifier)).isTrue();
      assertThat(bob.subscribeAndWait(identifier)).isTrue();
      bob.pauseReading();

      // Messages arrive in bursts a reading client keeps up with; the stalled one falls ever further behind.
      for (int batch = 0; batch < BATCHES; batch++) {
        long started = System.nanoTime();
        for (int i = 0; i < PER_BATCH; i++) {
          people.server.app().broadcaster().broadcastHtml(stream, "<turbo-stream>" + (batch * PER_BATCH + i) + " " + padding + "</turbo-stream>");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("broadcasting never waits on a reader").isLessThan(Duration.ofSeconds(2));
        String last = "<turbo-stream>" + ((batch + 1) * PER_BATCH - 1) + " ";
        alice.await(f -> f.path("message").asText().startsWith(last), CableClient.WAIT);
      }
      // Broadcasts only: a run slower than the 3 s ping interval also receives pings, whose "message" is a number.
      assertThat(alice.frames()).filteredOn(f -> f.path("message").isTextual()).hasSize(BATCHES * PER_BATCH);
      CablePeople.eventually(() -> assertThat(people.broadcaster().subscriberCount(stream)).isEqualTo(1));

      people.server.app().broadcaster().broadcastHtml(stream, "<turbo-stream>after</turbo-stream>");
      assertThat(alice.await(f -> f.path("message").asText().equals("<turbo-stream>after</turbo-stream>"), CableClient.WAIT)).isNotNull();
    }
  }
}
