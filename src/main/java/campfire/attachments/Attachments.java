package campfire.attachments;

import campfire.domain.DomainError;
import campfire.db.Database;
import campfire.files.Images;
import campfire.web.HttpError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Files attached to messages. Bytes live under STORAGE_PATH named by their SHA-256 (the same file
 * twice is stored once); the attachments table says which message has which file.
 */
public final class Attachments {
  /** An upload checked and stored, ready to be attached to the message being posted. */
  public record Stored(String key, String filename, String contentType, long byteSize, Integer width, Integer height, String previewKey) {}

  /** A row of the attachments table, for serving. */
  public record Row(long id, String storageKey, String filename, String contentType, long byteSize, String previewKey) {}

  private final Database database;
  private final Path root;
  private final Images images;
  private final Posters posters;
  private final long maxBytes;

  public Attachments(Database database, Path root, Images images, Posters posters, long maxBytes) {
    this.database = database;
    this.root = root;
    this.images = images;
    this.posters = posters;
    this.maxBytes = maxBytes;
  }

  public long maxBytes() { return maxBytes; }

  /**
   * Copies an upload into storage after checking it: at most the size limit (413), the declared
   * type matching the bytes (422), images readable within their pixel limit (422).
   */
  public Stored store(InputStream upload, String declaredType, String rawFilename) {
    return store(upload, declaredType, rawFilename, false);
  }

  /**
   * A file brought over from another install (an import): kept whatever its size, typed as
   * declared when the bytes agree (else as the bytes say), and given a preview when one can be
   * made; a picture too large or damaged to decode is kept without one.
   */
  public Stored keep(InputStream file, String declaredType, String rawFilename) {
    return store(file, declaredType, rawFilename, true);
  }

  private Stored store(InputStream upload, String declaredType, String rawFilename, boolean imported) {
    Path temp = null;
    try {
      Files.createDirectories(root.resolve("tmp"));
      temp = Files.createTempFile(root.resolve("tmp"), "upload", ".part");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] head = new byte[64];
      int headLength = 0;
      long size = 0;
      try (OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = upload.read(buffer)) != -1) {
          size += read;
          if (size > maxBytes && !imported) throw new DomainError.TooLarge("Files can be at most " + human(maxBytes) + ".");
          if (headLength < head.length) {
            int take = Math.min(read, head.length - headLength);
            System.arraycopy(buffer, 0, head, headLength, take);
            headLength += take;
          }
          sha.update(buffer, 0, read);
          out.write(buffer, 0, read);
        }
      }
      if (size == 0 && !imported) throw new DomainError.Invalid("That file is empty.");
      String sniffed = FileTypes.sniff(head, headLength);
      String type = imported ? importedType(declaredType, sniffed) : checkedType(declaredType, sniffed);
      Integer width = null;
      Integer height = null;
      String previewKey = null;
      if (FileTypes.isImage(type)) {
        Images.Processed image;
        try {
          image = images.process(temp);
        } catch (DomainError unreadable) {
          if (!imported) throw unreadable;
          image = null;
        }
        if (image != null) {
          width = image.width();
          height = image.height();
          if (image.thumbnail() != null) previewKey = put(image.thumbnail());
        }
      } else if (FileTypes.isVideo(type)) {
        previewKey = posters.posterOf(temp).map(this::put).orElse(null);
      }
      String key = HexFormat.of().formatHex(sha.digest());
      Path target = path(key);
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return new Stored(key, filename(rawFilename), type, size, width, height, previewKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // A stray temporary file is harmless; the next start does not need it.
        }
      }
    }
  }

  /** The declared type, checked against what the bytes say; generic declarations take the sniffed type. */
  static String checkedType(String declared, String sniffed) {
    String type = FileTypes.normalize(declared);
    if (type.isEmpty() || type.equals("application/octet-stream")) return sniffed == null ? "application/octet-stream" : sniffed;
    if (!type.matches("[a-z0-9.+-]{1,60}/[a-z0-9.+-]{1,100}")) throw new DomainError.Invalid("That file type is not valid.");
    boolean media = type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/");
    if (media && FileTypes.INLINE.contains(type) || type.equals("application/pdf")) {
      if (sniffed == null || !FileTypes.agree(type, sniffed)) {
        throw new DomainError.Invalid("The file's contents do not match its type (" + type + ").");
      }
    } else if (sniffed != null && !FileTypes.agree(type, sniffed)) {
      throw new DomainError.Invalid("The file's contents do not match its type (" + type + ").");
    }
    return type;
  }

  private static String importedType(String declared, String sniffed) {
    try {
      return checkedType(declared, sniffed);
    } catch (DomainError.Invalid mismatch) {
      return sniffed == null ? "application/octet-stream" : sniffed;
    }
  }

  /** Attaches a stored file to a message, inside the transaction that creates the message. */
  public void attach(Handle h, long messageId, Stored stored) {
    h.createUpdate("INSERT INTO attachments (message_id, storage_key, filename, content_type, byte_size, checksum, width, height, preview_key, "
            + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, messageId).bind(1, stored.key()).bind(2, stored.filename()).bind(3, stored.contentType()).bind(4, stored.byteSize())
        .bind(5, stored.key()).bind(6, stored.width()).bind(7, stored.height()).bind(8, stored.previewKey()).bind(9, Database.now(h))
        .execute();
  }

  /** An attachment, only when the person is a member of the room its message is in. */
  public Optional<Row> findVisibleTo(long userId, long attachmentId) {
    return database.read(h -> h.createQuery("SELECT a.id, a.storage_key, a.filename, a.content_type, a.byte_size, a.preview_key "
            + "FROM attachments a JOIN messages m ON m.id = a.message_id "
            + "JOIN memberships ms ON ms.room_id = m.room_id AND ms.user_id = ? WHERE a.id = ?")
        .bind(0, userId).bind(1, attachmentId)
        .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)))
        .findOne());
  }

  public Path path(String key) {
    if (!key.matches("[0-9a-f]{64}")) throw new DomainError.NotFound();
    return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
  }

  private String put(byte[] bytes) {
    try {
      String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      Path target = path(key);
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) {
        Path temp = Files.createTempFile(root.resolve("tmp"), "derived", ".part");
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A link preview's image, fetched by the server: checked like any image (type from the bytes,
   * bounded decoding), shrunk to fit 1200x800, and kept apart from attachments under unfurl/.
   * Browsers then load it from us, never from the linked site.
   */
  public Optional<String> storeLinkImage(byte[] bytes) {
    String type = FileTypes.sniff(bytes, Math.min(bytes.length, 64));
    if (type == null || !FileTypes.isImage(type)) return Optional.empty();
    Path temp = null;
    try {
      Files.createDirectories(root.resolve("tmp"));
      temp = Files.createTempFile(root.resolve("tmp"), "link", ".part");
      Files.write(temp, bytes);
      Images.Processed image = images.process(temp);
      byte[] kept = image.thumbnail() != null ? image.thumbnail() : bytes;
      String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kept));
      Path target = linkImagePath(key);
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) Files.write(target, kept);
      return Optional.of(key);
    } catch (DomainError e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      if (temp != null) temp.toFile().delete();
    }
  }

  public Path linkImagePath(String key) {
    if (!key.matches("[0-9a-f]{64}")) throw new DomainError.NotFound();
    return root.resolve("unfurl").resolve(key.substring(0, 2)).resolve(key);
  }

  /** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
  static String filename(String raw) {
    String name = raw == null ? "" : raw.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) name = "file";
    return name.length() > 200 ? name.substring(name.length() - 200) : name;
  }

  static String human(long bytes) {
    if (bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0) return bytes / (1024L * 1024 * 1024) + " GB";
    if (bytes >= 1024L * 1024) return Math.round(bytes / (1024.0 * 1024)) + " MB";
    if (bytes >= 1024) return Math.round(bytes / 1024.0) + " KB";
    return bytes + " bytes";
  }
}
