package campfire.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/** multipart/form-data posts, as a browser sends a form with a file, and pictures to send. */
public final class Multipart {
  private Multipart() {}

  public record FilePart(String field, String filename, String contentType, byte[] bytes) {}

  public static HttpResponse<String> post(TestServer server, WebClient who, String path, Map<String, String> fields, FilePart file) {
    String boundary = "----campfire" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    all.putIfAbsent("authenticity_token", who.csrfToken());
    all.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
        + value + "\r\n"));
    if (file != null) {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\"" + file.filename()
          + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
      body.writeBytes(file.bytes());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return who.send(HttpRequest.newBuilder(URI.create(server.url(path)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static void write(ByteArrayOutputStream out, String text) { out.writeBytes(text.getBytes(StandardCharsets.UTF_8)); }

  /** A picture of one colour, encoded as the format says (png, jpg, gif). */
  public static byte[] picture(int width, int height, Color color, String format) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedImage read(byte[] bytes) {
    try {
      return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static HttpResponse<byte[]> getBytes(WebClient who, TestServer server, String path) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(path)))
          .header("Cookie", "session_token=" + (who == null ? "" : who.cookie("session_token"))).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
