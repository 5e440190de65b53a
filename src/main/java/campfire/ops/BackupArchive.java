package campfire.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The unencrypted archive: an ordinary ZIP file ({@code unzip -l} lists it) holding
 * {@code campfire.db}, {@code storage/<path>} for each stored file, {@code secrets/<name>} for each
 * secret generated into the data directory, and {@code manifest.json} last.
 * Its ZIP comment is {@code sha256:<hex>}, the SHA-256 of every byte of the file before those 64
 * hex digits, so a change to any byte (even one no ZIP reader looks at) is caught.
 */
public final class BackupArchive {
  public static final String DATABASE_ENTRY = "campfire.db";
  public static final String STORAGE_PREFIX = "storage/";
  public static final String SECRETS_PREFIX = "secrets/";
  /** Secrets generated into the data directory when their variables are unset; the database's rows depend on them. */
  public static final List<String> SECRET_FILES = List.of("session_secret", "webhook_secret", "vapid_keys");
  static final String MANIFEST_ENTRY = "manifest.json";
  private static final String SEAL_PREFIX = "sha256:";
  private static final int DIGEST_HEX = 64;

  private BackupArchive() {}

  /** A file to put into the archive under {@code name}. */
  public record Source(String name, Path file) {}

  /** Writes the archive; sources that vanish while it runs (a deleted upload) are left out. */
  public static Manifest write(Path zipFile, Manifest manifest, List<Source> sources) throws IOException {
    List<Manifest.Entry> entries = new ArrayList<>();
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile))) {
      zip.setLevel(Deflater.BEST_SPEED);
      zip.setComment(SEAL_PREFIX + "0".repeat(DIGEST_HEX));
      for (Source source : sources) {
        InputStream in;
        try {
          in = Files.newInputStream(source.file());
        } catch (NoSuchFileException vanished) {
          continue;
        }
        try (in) {
          zip.putNextEntry(new ZipEntry(source.name()));
          MessageDigest sha = sha256();
          long size = new DigestInputStream(in, sha).transferTo(zip);
          zip.closeEntry();
          entries.add(new Manifest.Entry(source.name(), size, HexFormat.of().formatHex(sha.digest())));
        }
      }
      Manifest complete = manifest.withFiles(entries);
      zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
      zip.write(complete.toJson());
      zip.closeEntry();
      zip.finish();
      zip.close();
      seal(zipFile);
      return complete;
    }
  }

  private static void seal(Path zipFile) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(zipFile.toFile(), "rw")) {
      long covered = file.length() - DIGEST_HEX;
      String digest = HexFormat.of().formatHex(digestOf(zipFile, covered));
      file.seek(covered);
      file.write(digest.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static byte[] digestOf(Path file, long length) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file);
         OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      long copied = new BoundedInput(in, length).transferTo(sink);
      if (copied != length) throw new IOException("short read");
    }
    return sha.digest();
  }

  /** Checks the seal, then extracts every entry through {@code target} and checks it against the manifest. */
  public static Manifest verifyAndExtract(Path zipFile, Function<String, Path> target) throws IOException {
    checkSeal(zipFile);
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      ZipEntry manifestEntry = zip.getEntry(MANIFEST_ENTRY);
      if (manifestEntry == null) throw new OperationFailed(zipFile + " has no manifest.json: it is not a Campfire backup");
      Manifest manifest;
      try (InputStream in = zip.getInputStream(manifestEntry)) {
        manifest = Manifest.fromJson(in.readAllBytes());
      }
      if (!Manifest.FORMAT.equals(manifest.format()) || manifest.formatVersion() != Manifest.VERSION) {
        throw new OperationFailed(zipFile + " is format " + manifest.format() + " version " + manifest.formatVersion()
            + "; this Campfire reads " + Manifest.FORMAT + " version " + Manifest.VERSION);
      }
      Map<String, Manifest.Entry> expected = new HashMap<>();
      for (Manifest.Entry entry : manifest.files()) expected.put(entry.path(), entry);
      if (!expected.containsKey(DATABASE_ENTRY)) throw new OperationFailed(zipFile + " holds no database");
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        if (entry.getName().equals(MANIFEST_ENTRY)) continue;
        Manifest.Entry listed = expected.remove(entry.getName());
        if (listed == null || !safe(entry.getName())) throw new OperationFailed(zipFile + " holds " + entry.getName() + ", which its manifest does not list");
        Path out = target.apply(entry.getName());
        Files.createDirectories(out.getParent());
        MessageDigest sha = sha256();
        long size;
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), sha); OutputStream os = Files.newOutputStream(out)) {
          size = in.transferTo(os);
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        if (size != listed.size() || !hex.equals(listed.sha256())) {
          throw new OperationFailed(zipFile + ": " + entry.getName() + " does not match its checksum in the manifest");
        }
      }
      if (!expected.isEmpty()) throw new OperationFailed(zipFile + " is missing " + expected.keySet().iterator().next() + ", which its manifest lists");
      return manifest;
    } catch (ZipException e) {
      throw new OperationFailed(zipFile + " is damaged: " + e.getMessage(), e);
    }
  }

  static void checkSeal(Path zipFile) throws IOException {
    long size = Files.size(zipFile);
    int tail = SEAL_PREFIX.length() + DIGEST_HEX;
    if (size < tail + 22) throw new OperationFailed(zipFile + " is too short to be a Campfire backup");
    byte[] end = new byte[tail];
    try (RandomAccessFile file = new RandomAccessFile(zipFile.toFile(), "r")) {
      file.seek(size - tail);
      file.readFully(end);
    }
    String seal = new String(end, StandardCharsets.ISO_8859_1);
    if (!seal.startsWith(SEAL_PREFIX)) throw new OperationFailed(zipFile + " is not a Campfire backup (no checksum at its end)");
    String actual = HexFormat.of().formatHex(digestOf(zipFile, size - DIGEST_HEX));
    if (!actual.equals(seal.substring(SEAL_PREFIX.length()))) {
      throw new OperationFailed(zipFile + " is damaged or was changed after it was written (checksum mismatch)");
    }
  }

  /** Relative, forward-slash paths without {@code ..}: nothing can be written outside the restore target. */
  static boolean safe(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) return false;
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) return false;
    }
    return name.equals(DATABASE_ENTRY) || name.startsWith(STORAGE_PREFIX)
        || (name.startsWith(SECRETS_PREFIX) && SECRET_FILES.contains(name.substring(SECRETS_PREFIX.length())));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads at most {@code remaining} bytes of the underlying stream. */
  private static final class BoundedInput extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInput(InputStream in, long limit) {
      this.in = in;
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) return -1;
      int b = in.read();
      if (b >= 0) remaining--;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining <= 0) return -1;
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) remaining -= n;
      return n;
    }
  }
}
