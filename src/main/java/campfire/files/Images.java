package campfire.files;

import campfire.domain.DomainError;
import campfire.web.HttpError;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
 * Every picture the server reads, in pure Java (ImageIO with TwelveMonkeys' readers), bounded:
 * the size in the header is checked before a pixel is decoded, so a small file claiming a huge
 * picture is refused unread; only the pixels the result needs are decoded (a region, every n-th
 * pixel), so an accepted picture costs a few megabytes; and the work runs on two workers with at
 * most four jobs in hand, aborted when it takes too long. Avatars and logos come out as PNG
 * squares; attachments get their size and, when large, a thumbnail.
 */
public final class Images implements AutoCloseable {
  /** Avatars and logos. */
  public static final int PICTURE_MAX_BYTES = 10 * 1024 * 1024;
  static final long PICTURE_MAX_PIXELS = 40_000_000L;
  public static final int THUMB_WIDTH = 1200;
  public static final int THUMB_HEIGHT = 800;
  private static final String NOT_A_PICTURE = "That file isn't a picture we can read. Use a PNG, JPEG or GIF.";
  private static final Says PICTURE = new Says("That picture takes too long to read; please try a smaller one.", NOT_A_PICTURE,
      NOT_A_PICTURE);
  private static final Says ATTACHMENT = new Says("This image takes too long to read; it was not attached.",
      "This image could not be read (it may be damaged); it was not attached.", "This image could not be read; it was not attached.");

  /** What an attached image turned out to be: its size and, when it is bigger than 1200x800, a thumbnail. */
  public record Processed(int width, int height, byte[] thumbnail) {}

  /** What a failure says, by the kind of upload: too slow, failed while decoding, not an image at all. */
  private record Says(String tooSlow, String unreadable, String notAnImage) {}

  /** Image work that may be aborted through the reader it is using. */
  private interface Work<T> {
    T run(AtomicReference<ImageReader> reader) throws IOException;
  }

  private final long maxPixels;
  private final long timeoutMillis;
  private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "image-work");
    t.setDaemon(true);
    return t;
  });
  private final Semaphore slots = new Semaphore(4);

  /** {@code maxPixels} bounds attachments; avatars and logos have their own, smaller bound. */
  public Images(long maxPixels, long timeoutMillis) {
    this.maxPixels = maxPixels;
    this.timeoutMillis = timeoutMillis;
    ImageIO.setUseCache(false);
    ImageIO.scanForPlugins();
  }

  public static Images standard() { return new Images(50_000_000L, 15_000); }

  /** The middle square of an uploaded picture, scaled to size x size, as PNG. */
  public byte[] square(byte[] upload, int size) { return bounded(reader -> square(upload, size, reader), PICTURE); }

  /** The whole uploaded picture, fitted inside size x size on a transparent square, as PNG. */
  public byte[] fit(byte[] upload, int size) { return bounded(reader -> fit(upload, size, reader), PICTURE); }

  /** An attached image's size, and a thumbnail when it is larger than 1200x800. */
  public Processed process(Path file) { return bounded(reader -> decode(file, reader), ATTACHMENT); }

  private <T> T bounded(Work<T> work, Says says) {
    if (!slots.tryAcquire()) throw new DomainError.Busy(5);
    AtomicReference<ImageReader> reader = new AtomicReference<>();
    try {
      Future<T> job = workers.submit(() -> work.run(reader));
      try {
        return job.get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        ImageReader running = reader.get();
        if (running != null) running.abort();
        job.cancel(true);
        throw new DomainError.Invalid(says.tooSlow());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof DomainError error) throw error;
        throw new DomainError.Invalid(says.unreadable());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DomainError.Unavailable("The server is stopping.");
      }
    } finally {
      slots.release();
    }
  }

  static byte[] square(byte[] upload, int size, AtomicReference<ImageReader> holder) throws IOException {
    BufferedImage image = decodePicture(upload, size, true, holder);
    int side = Math.min(image.getWidth(), image.getHeight());
    BufferedImage cropped = image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    return png(scale(cropped, size, size));
  }

  static byte[] fit(byte[] upload, int size, AtomicReference<ImageReader> holder) throws IOException {
    BufferedImage image = decodePicture(upload, size, false, holder);
    double ratio = (double) size / Math.max(image.getWidth(), image.getHeight());
    int w = Math.max(1, (int) Math.round(image.getWidth() * ratio));
    int h = Math.max(1, (int) Math.round(image.getHeight() * ratio));
    BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = canvas.createGraphics();
    g.drawImage(scale(image, w, h), (size - w) / 2, (size - h) / 2, null);
    g.dispose();
    return png(canvas);
  }

  /**
   * Reads only what the result needs: the middle square when cropping, and every n-th pixel so the
   * decoded picture is at most about twice {@code size} on a side.
   */
  private static BufferedImage decodePicture(byte[] upload, int size, boolean middleSquare, AtomicReference<ImageReader> holder) {
    if (upload == null || upload.length == 0) throw new DomainError.Invalid("Choose a picture to upload.");
    if (upload.length > PICTURE_MAX_BYTES) throw new DomainError.TooLarge("Pictures can be at most 10 MB.");
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
      ImageReader reader = open(in, holder, PICTURE);
      try {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (pixels <= 0 || pixels > PICTURE_MAX_PIXELS) throw new DomainError.Invalid("That picture is too large: at most 40 megapixels, please.");
        ImageReadParam param = reader.getDefaultReadParam();
        int side = Math.min(width, height);
        if (middleSquare) param.setSourceRegion(new Rectangle((width - side) / 2, (height - side) / 2, side, side));
        int step = Math.max(1, (middleSquare ? side : Math.max(width, height)) / size);
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        if (image == null) throw new DomainError.Invalid(PICTURE.notAnImage());
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DomainError error) throw error;
      throw new DomainError.Invalid(PICTURE.notAnImage());
    }
  }

  /** Reads an attached image at the size its thumbnail needs. */
  Processed decode(Path file, AtomicReference<ImageReader> holder) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = open(input, holder, ATTACHMENT);
      try {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
          throw new DomainError.Invalid("This image is too large (" + width + "x" + height + " pixels); the limit is "
              + maxPixels / 1_000_000 + " megapixels.");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        // Each side at most about twice the thumbnail's box, so even a long panorama at the pixel
        // limit costs a few megabytes, never the whole picture.
        int step = Math.max(1, Math.max(width / THUMB_WIDTH, height / THUMB_HEIGHT));
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        if (decoded == null) throw new DomainError.Invalid(ATTACHMENT.notAnImage());
        if (width <= THUMB_WIDTH && height <= THUMB_HEIGHT) return new Processed(width, height, null);
        return new Processed(width, height, thumbnail(decoded));
      } finally {
        reader.dispose();
      }
    }
  }

  /** The reader for the stream's format, set on the stream and handed to whoever may abort it. */
  private static ImageReader open(ImageInputStream input, AtomicReference<ImageReader> holder, Says says) {
    Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
    if (readers == null || !readers.hasNext()) throw new DomainError.Invalid(says.notAnImage());
    ImageReader reader = readers.next();
    holder.set(reader);
    reader.setInput(input, true, true);
    return reader;
  }

  /** Halves while more than twice too big, then one bicubic step (up or down): smooth without blurring. */
  private static BufferedImage scale(BufferedImage source, int width, int height) {
    BufferedImage current = source;
    int w = source.getWidth();
    int h = source.getHeight();
    do {
      w = w / 2 >= width ? w / 2 : width;
      h = h / 2 >= height ? h / 2 : height;
      BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = next.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(current, 0, 0, w, h, null);
      g.dispose();
      current = next;
    } while (w != width || h != height);
    return current;
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

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Override
  public void close() { workers.shutdownNow(); }
}
