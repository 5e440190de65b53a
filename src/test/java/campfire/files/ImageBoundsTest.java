package campfire.files;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Multipart;
import java.awt.Color;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A small file may claim a big picture: what decoding an accepted one costs is bounded by what
 * the result needs, not by the picture. Measured as the bytes this thread allocates (not time):
 * the decoding itself is called here, on this thread, rather than through the workers.
 */
@org.junit.jupiter.api.Tag("database-independent")
class ImageBoundsTest {
  static final long BOUND = 32L * 1024 * 1024;

  interface Work {
    Object run() throws Exception;
  }

  static long allocatedBy(Work work) throws Exception {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(id);
    assertThat(work.run()).isNotNull();
    return threads.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void an_avatar_or_logo_just_under_the_limit_costs_a_few_megabytes_to_make_small() throws Exception {
    // 6300 x 6300 is 39.7 megapixels: a whole decode would take 119 MB or more.
    byte[] square = Multipart.picture(6300, 6300, Color.ORANGE, "png");
    byte[] panorama = Multipart.picture(39_000, 1_000, Color.BLUE, "png");
    assertThat(square.length).isLessThan(1024 * 1024);
    assertThat(allocatedBy(() -> Images.square(square, 512, new AtomicReference<>()))).isLessThan(BOUND);
    assertThat(allocatedBy(() -> Images.square(panorama, 512, new AtomicReference<>()))).isLessThan(BOUND);
    assertThat(allocatedBy(() -> Images.fit(panorama, 512, new AtomicReference<>()))).isLessThan(BOUND);
  }

  @Test
  void an_attachment_panorama_at_the_pixel_limit_is_thumbnailed_in_a_few_megabytes() throws Exception {
    Path file = Files.createTempFile("panorama", ".png");
    try (Images images = Images.standard()) {
      Files.write(file, Multipart.picture(49_000, 1_000, Color.GREEN, "png"));
      Images.Processed[] processed = new Images.Processed[1];
      long allocated = allocatedBy(() -> processed[0] = images.decode(file, new AtomicReference<>()));
      assertThat(processed[0].width()).isEqualTo(49_000);
      assertThat(processed[0].thumbnail()).isNotNull();
      assertThat(allocated).isLessThan(BOUND);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
