package campfire.people;

import campfire.domain.DomainError;
import io.javalin.http.Context;
import io.nayuki.qrcodegen.QrCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** GET /qr_code/:id: the URL in the id (url-safe base64) as an SVG QR code. */
public final class QrCodeHandlers {
  static final int MAX_ID = 2800;
  private static final int BORDER = 4;

  public static String path(String url) {
    return "/qr_code/" + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
  }

  public void show(Context ctx) {
    String id = ctx.pathParam("id");
    if (id.length() > MAX_ID) throw new DomainError.Malformed("That QR code is too long.");
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new DomainError.Malformed("That QR code id is not url-safe base64.");
    }
    if (text.isBlank()) throw new DomainError.Malformed("That QR code is empty.");
    ctx.header("Cache-Control", "public, max-age=31536000, immutable").header("X-Content-Type-Options", "nosniff")
        .contentType("image/svg+xml").result(svg(QrCode.encodeText(text, QrCode.Ecc.MEDIUM)));
  }

  static String svg(QrCode qr) {
    int size = qr.size + BORDER * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\" "
        + "role=\"img\" aria-label=\"QR code\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path
        + "\" fill=\"#000\"/></svg>";
  }
}
