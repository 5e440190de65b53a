package campfire.people;

import campfire.web.HttpError;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Uploaded pictures made small: PNG, JPEG, GIF or BMP in, PNG out. The size in pixels is read
 * from the header before anything is decoded, so a small file claiming a huge picture is refused,
 * and only the pixels the result needs are decoded.
 */
public final class Images {
  public static final int MAX_BYTES = 10 * 1024 * 1024;
  static final long MAX_PIXELS = 40_000_000L;

  private Images() {}

  /** The middle square of the picture, scaled to size x size. */
  public static byte[] square(byte[] upload, int size) {
    BufferedImage image = decode(upload, size, true);
    int side = Math.min(image.getWidth(), image.getHeight());
    BufferedImage cropped = image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    return png(scale(cropped, size, size));
  }

  /** The whole picture, fitted inside size x size on a transparent square. */
  public static byte[] fit(byte[] upload, int size) {
    BufferedImage image = decode(upload, size, false);
    double ratio = (double) size / Math.max(image.getWidth(), image.getHeight());
    int w = Math.max(1, (int) Math.round(image.getWidth() * ratio));
    int h = Math.max(1, (int) Math.round(image.getHeight() * ratio));
    BufferedImage scaled = scale(image, w, h);
    int side = size;
    BufferedImage canvas = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = canvas.createGraphics();
    g.drawImage(scaled, (side - w) / 2, (side - h) / 2, null);
    g.dispose();
    return png(canvas);
  }

  /**
   * Reads only what the result needs: the middle square when cropping, and every n-th pixel so the
   * decoded picture is at most about twice {@code size} on a side. Whatever the picture claims,
   * decoding it costs a few megabytes.
   */
  static BufferedImage decode(byte[] upload, int size, boolean middleSquare) {
    if (upload == null || upload.length == 0) throw new HttpError.Invalid("Choose a picture to upload.");
    if (upload.length > MAX_BYTES) throw new HttpError.PayloadTooLarge("Pictures can be at most 10 MB.");
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) throw unreadable();
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (pixels <= 0 || pixels > MAX_PIXELS) throw new HttpError.Invalid("That picture is too large: at most 40 megapixels, please.");
        ImageReadParam param = reader.getDefaultReadParam();
        int side = Math.min(width, height);
        if (middleSquare) param.setSourceRegion(new Rectangle((width - side) / 2, (height - side) / 2, side, side));
        int step = Math.max(1, (middleSquare ? side : Math.max(width, height)) / size);
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        if (image == null) throw unreadable();
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof HttpError error) throw error;
      throw unreadable();
    }
  }

  private static HttpError unreadable() {
    return new HttpError.Invalid("That file isn't a picture we can read. Use a PNG, JPEG or GIF.");
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

  private static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
