package campfire.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Files under STORAGE_PATH, by folder and key; keys are ours (random), never a user's file name. */
public final class Storage {
  private final Path root;

  public Storage(Path root) { this.root = root; }

  public void write(String folder, String key, byte[] bytes) {
    try {
      Path dir = root.resolve(folder);
      Files.createDirectories(dir);
      Path temporary = Files.createTempFile(dir, "upload", ".tmp");
      Files.write(temporary, bytes);
      Files.move(temporary, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<byte[]> read(String folder, String key) {
    if (key == null || !key.matches("[A-Za-z0-9_.-]{1,100}")) return Optional.empty();
    try {
      Path file = root.resolve(folder).resolve(key);
      return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void delete(String folder, String key) {
    if (key == null || !key.matches("[A-Za-z0-9_.-]{1,100}")) return;
    try {
      Files.deleteIfExists(root.resolve(folder).resolve(key));
    } catch (IOException e) {
      // A leftover file wastes a little space; the row no longer points at it.
    }
  }
}
