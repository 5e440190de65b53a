package campfire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A secret generated on first boot and kept in the data directory, so restarts keep sessions. */
final class SecretFile {
  private SecretFile() {}

  static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) return Files.readString(file).strip();
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[64];
      new SecureRandom().nextBytes(bytes);
      String secret = HexFormat.of().formatHex(bytes);
      Files.writeString(file, secret);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the directory's own permissions apply
      }
      return secret;
    } catch (IOException e) {
      throw new Config.Invalid("DATA_DIR: cannot read or create " + file + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): make the data directory writable by this user, or set DATA_DIR");
    }
  }
}
