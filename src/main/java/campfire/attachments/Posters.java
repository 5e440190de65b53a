package campfire.attachments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Video posters from the first frame, made with ffmpeg when it is installed; none otherwise. */
public final class Posters {
  private final boolean available;

  private Posters(boolean available) { this.available = available; }

  public static Posters detect() {
    try {
      Process probe = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return new Posters(probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0);
    } catch (IOException e) {
      return new Posters(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Posters(false);
    }
  }

  public static Posters none() { return new Posters(false); }

  public boolean available() { return available; }

  /** A JPEG of the first frame fitted in 1200x800, or empty when ffmpeg is absent, fails or is slow. */
  Optional<byte[]> posterOf(Path video) {
    if (!available) return Optional.empty();
    Path out = null;
    try {
      out = Files.createTempFile("poster", ".jpg");
      Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", video.toString(), "-frames:v", "1",
          "-vf", "scale='min(1200,iw)':'min(800,ih)':force_original_aspect_ratio=decrease", "-f", "image2", "-c:v", "mjpeg", out.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!ffmpeg.waitFor(20, TimeUnit.SECONDS)) {
        ffmpeg.destroyForcibly();
        return Optional.empty();
      }
      if (ffmpeg.exitValue() != 0 || Files.size(out) == 0) return Optional.empty();
      return Optional.of(Files.readAllBytes(out));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (out != null) out.toFile().delete();
    }
  }
}
