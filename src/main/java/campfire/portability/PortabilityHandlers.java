package campfire.portability;

import campfire.accounts.Authentication;
import campfire.accounts.User;
import campfire.ops.Audit;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * Downloads: the whole account for administrators (the same archive as campfire export), and
 * each person's own data. Each archive is written to a temporary file first, so the browser is
 * told its size and shows the download's progress.
 */
final class PortabilityHandlers {
  private final Export export;
  private final PersonalData personalData;
  private final Path temporary;
  private final Clock clock;

  PortabilityHandlers(Export export, PersonalData personalData, Path temporary, Clock clock) {
    this.export = export;
    this.personalData = personalData;
    this.temporary = temporary;
    this.clock = clock;
  }

  void account(Context ctx) {
    User me = Authentication.currentUser(ctx);
    Audit.event("account_exported", "user_id", me.id());
    send(ctx, "campfire-export-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".zip", out -> export.write(out, line -> { }));
  }

  void personal(Context ctx) {
    User me = Authentication.currentUser(ctx);
    send(ctx, "campfire-my-data-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".zip", out -> personalData.write(me.id(), out));
  }

  private void send(Context ctx, String filename, Consumer<OutputStream> writer) {
    try {
      Files.createDirectories(temporary);
      Path file = Files.createTempFile(temporary, "download", ".zip");
      InputStream in;
      long size;
      try {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
          writer.accept(out);
        }
        size = Files.size(file);
        in = Files.newInputStream(file);
      } finally {
        // Unlinked now; the open stream keeps the bytes until the download ends.
        Files.deleteIfExists(file);
      }
      ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
          .header("Cache-Control", "no-store")
          .header("Content-Length", Long.toString(size))
          .contentType("application/zip")
          .result(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
