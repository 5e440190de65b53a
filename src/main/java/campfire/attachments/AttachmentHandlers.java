package campfire.attachments;

import campfire.domain.DomainError;
import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.web.Requests;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * GET /attachments/:id (the original) and /attachments/:id/preview (thumbnail or poster), for
 * members of the message's room. Content-addressed, so cached for a year; never sniffed; only
 * media and PDFs shown inline, everything else downloaded.
 */
public final class AttachmentHandlers {
  private final Attachments attachments;

  public AttachmentHandlers(Attachments attachments) { this.attachments = attachments; }

  public void show(Context ctx) {
    Attachments.Row row = row(ctx);
    boolean inline = FileTypes.INLINE.contains(row.contentType()) && !"attachment".equals(ctx.queryParam("disposition"));
    String type = FileTypes.INLINE.contains(row.contentType()) ? row.contentType() : "application/octet-stream";
    send(ctx, row.storageKey(), type, (inline ? "inline" : "attachment") + "; " + filenameParameters(row.filename()));
  }

  public void preview(Context ctx) {
    Attachments.Row row = row(ctx);
    if (row.previewKey() == null) throw new DomainError.NotFound();
    byte[] head = new byte[8];
    int read;
    try (var in = Files.newInputStream(attachments.path(row.previewKey()))) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new DomainError.NotFound();
    }
    String type = FileTypes.sniff(head, read);
    send(ctx, row.previewKey(), type == null ? "image/jpeg" : type, "inline; " + filenameParameters("preview-" + row.filename()));
  }

  /** GET /unfurl_images/:key: a link preview's image, stored when the link was previewed. */
  public void linkImage(Context ctx) {
    Path file = attachments.linkImagePath(ctx.pathParam("key"));
    byte[] head = new byte[64];
    int read;
    try (var in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new DomainError.NotFound();
    }
    String type = FileTypes.sniff(head, read);
    if (type == null || !FileTypes.isImage(type)) throw new DomainError.NotFound();
    send(ctx, file, ctx.pathParam("key"), type, "inline; filename=\"preview\"");
  }

  private void send(Context ctx, String key, String type, String disposition) {
    send(ctx, attachments.path(key), key, type, disposition);
  }

  private void send(Context ctx, Path file, String key, String type, String disposition) {
    String etag = "\"" + key + "\"";
    ctx.header("X-Content-Type-Options", "nosniff")
        // Sandboxed so nothing served here can script Campfire's origin; PDFs are left to the
        // browser's own viewer, which will not open inside a sandbox.
        .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'"
            + ("application/pdf".equals(type) ? "" : "; sandbox"))
        .header("Cache-Control", "private, max-age=31536000, immutable")
        .header("ETag", etag)
        .header("Content-Disposition", disposition);
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    try {
      long size = Files.size(file);
      if (type.startsWith("video/") || type.startsWith("audio/")) {
        ctx.writeSeekableStream(Files.newInputStream(file), type, size);
      } else {
        ctx.contentType(type).header("Content-Length", Long.toString(size)).result(Files.newInputStream(file));
      }
    } catch (NoSuchFileException e) {
      throw new DomainError.NotFound();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Attachments.Row row(Context ctx) {
    User me = Authentication.currentUser(ctx);
    return attachments.findVisibleTo(me.id(), Requests.idParam(ctx, "id")).orElseThrow(DomainError.NotFound::new);
  }

  /** filename="ascii fallback"; filename*=UTF-8''percent-encoded (RFC 6266). */
  static String filenameParameters(String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
