package campfire.attachments;

import campfire.web.HttpError;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image work in pure Java (ImageIO with TwelveMonkeys' readers), bounded: the header's size is
 * checked before a single pixel is decoded, so a decompression bomb is refused unread; decoding
 * runs on a worker (two at a time) and is aborted when it takes too long.
 */
public final class Images implements AutoCloseable {
  public static final int THUMB_WIDTH = 1200;
  public static final int THUMB_HEIGHT = 800;

  /** What an image turned out to be: its size and, when it is bigger than 1200x800, a thumbnail. */
  public record Processed(int width, int height, byte[] thumbnail) {}

  private final long maxPixels;
  private final long timeoutMillis;
  private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "image-work");
    t.setDaemon(true);
    return t;
  });
  private final Semaphore slots = new Semaphore(4);

  public Images(long maxPixels, long timeoutMillis) {
    this.maxPixels = maxPixels;
    this.timeoutMillis = timeoutMillis;
    ImageIO.setUseCache(false);
    ImageIO.scanForPlugins();
  }

  public static Images standard() { return new Images(50_000_000L, 15_000); }

  public Processed process(Path file) {
    if (!slots.tryAcquire()) throw new HttpError.TooManyRequests(5);
    AtomicReference<ImageReader> reader = new AtomicReference<>();
    try {
      Future<Processed> work = workers.submit(() -> decode(file, reader));
      try {
        return work.get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        ImageReader running = reader.get();
        if (running != null) running.abort();
        work.cancel(true);
        throw new HttpError.Invalid("This image takes too long to read; it was not attached.");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof HttpError error) throw error;
        throw new HttpError.Invalid("This image could not be read (it may be damaged); it was not attached.");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HttpError(503, "The server is stopping.");
      }
    } finally {
      slots.release();
    }
  }

  Processed decode(Path file, AtomicReference<ImageReader> holder) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
      if (readers == null || !readers.hasNext()) throw new HttpError.Invalid("This image could not be read; it was not attached.");
      ImageReader reader = readers.next();
      holder.set(reader);
      try {
        reader.setInput(input, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
          throw new HttpError.Invalid("This image is too large (" + width + "x" + height + " pixels); the limit is "
              + maxPixels / 1_000_000 + " megapixels.");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        // Decoded at the size the thumbnail needs (each side at most about twice the box), so even a
        // long panorama at the pixel limit costs a few megabytes, never the whole picture.
        int step = Math.max(1, Math.max(width / THUMB_WIDTH, height / THUMB_HEIGHT));
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        if (decoded == null) throw new HttpError.Invalid("This image could not be read; it was not attached.");
        if (width <= THUMB_WIDTH && height <= THUMB_HEIGHT) return new Processed(width, height, null);
        return new Processed(width, height, thumbnail(decoded));
      } finally {
        reader.dispose();
      }
    }
  }

  private static byte[] thumbnail(BufferedImage image) throws IOException {
    double scale = Math.min(1.0, Math.min((double) THUMB_WIDTH / image.getWidth(), (double) THUMB_HEIGHT / image.getHeight()));
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    boolean alpha = image.getColorModel().hasAlpha();
    BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(out, alpha ? "png" : "jpeg", bytes);
    return bytes.toByteArray();
  }

  @Override
  public void close() { workers.shutdownNow(); }
}
