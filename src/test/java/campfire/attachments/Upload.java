package campfire.attachments;

import campfire.support.TestServer;
import campfire.support.WebClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Posts a message with a file, as the composer does (multipart, token in the header). */
final class Upload {
  private Upload() {}

  static HttpResponse<String> post(TestServer server, WebClient who, long roomId, String filename, String type, byte[] bytes,
      Map<String, String> fields) {
    String boundary = "----campfire" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (var field : fields.entrySet()) {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue() + "\r\n");
    }
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"message[attachment]\"; filename=\"" + filename + "\"\r\n"
        + "Content-Type: " + type + "\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n--" + boundary + "--\r\n");
    if (who.csrfToken() == null) who.get("/session/new");
    // A fresh connection each time: after refusing an oversized body the server closes the
    // connection, and a pooled client would otherwise reuse it for the next request.
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(server.url("/rooms/" + roomId + "/messages")))
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .header("Accept", "text/vnd.turbo-stream.html, text/html")
          .header("Cookie", "session_token=" + who.cookie("session_token") + "; csrf_seed=" + who.cookie("csrf_seed"))
          .header("X-CSRF-Token", who.csrfToken())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> post(TestServer server, WebClient who, long roomId, String filename, String type, byte[] bytes) {
    return post(server, who, roomId, filename, type, bytes, Map.of("message[client_message_id]", UUID.randomUUID().toString()));
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
