package campfire.ops;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passphrase encryption of a backup file with the JDK only: a key from PBKDF2-HMAC-SHA256 with a
 * random salt, then AES-256-GCM over 1 MiB chunks (so neither side holds the archive in memory).
 *
 * <pre>
 * header (50 bytes, also the associated data of every chunk):
 *   "CFBACKUP" | version 0x01 | kdf 0x01 (PBKDF2-HMAC-SHA256) | iterations (u32 BE)
 *   | salt (16 bytes) | chunk size (u32 BE) | key check (16 bytes: HMAC-SHA256(key, "campfire backup key check"))
 * then chunks: AES-256-GCM(plaintext chunk) with its 16-byte tag; every chunk but the last holds
 *   exactly chunk size bytes of plaintext, the last holds fewer (possibly none);
 *   nonce = chunk index (u64 BE) | 0x000000 | 0x01 for the last chunk, else 0x00.
 * </pre>
 * A changed byte anywhere fails a tag; a removed or reordered chunk fails its nonce; a cut-off
 * file has no last chunk. The key check tells a wrong passphrase apart from a damaged file.
 */
public final class BackupCrypto {
  static final byte[] MAGIC = "CFBACKUP".getBytes(StandardCharsets.US_ASCII);
  static final int ITERATIONS = 600_000;
  static final int CHUNK = 1 << 20;
  private static final int HEADER = 50;
  private static final int TAG = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private BackupCrypto() {}

  public static boolean isEncrypted(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    }
  }

  public static void encrypt(Path plain, Path encrypted, String passphrase) throws IOException {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    SecretKeySpec key = deriveKey(passphrase, salt, ITERATIONS);
    ByteBuffer header = ByteBuffer.allocate(HEADER)
        .put(MAGIC).put((byte) 1).put((byte) 1).putInt(ITERATIONS).put(salt).putInt(CHUNK).put(keyCheck(key));
    byte[] aad = header.array();
    try (InputStream in = Files.newInputStream(plain); OutputStream out = Files.newOutputStream(encrypted)) {
      out.write(aad);
      byte[] chunk = in.readNBytes(CHUNK);
      long index = 0;
      while (true) {
        byte[] next = chunk.length == CHUNK ? in.readNBytes(CHUNK) : null;
        boolean last = chunk.length < CHUNK;
        out.write(crypt(Cipher.ENCRYPT_MODE, key, index++, last, aad, chunk));
        if (last) break;
        chunk = next;
      }
    } catch (AEADBadTagException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public static void decrypt(Path encrypted, Path plain, String passphrase) throws IOException {
    try (InputStream in = Files.newInputStream(encrypted); OutputStream out = Files.newOutputStream(plain)) {
      byte[] aad = in.readNBytes(HEADER);
      ByteBuffer header = ByteBuffer.wrap(aad);
      if (aad.length < HEADER || !Arrays.equals(aad, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        throw new OperationFailed(encrypted + " is not an encrypted Campfire backup");
      }
      header.position(MAGIC.length);
      byte version = header.get();
      byte kdf = header.get();
      int iterations = header.getInt();
      byte[] salt = new byte[16];
      header.get(salt);
      int chunkSize = header.getInt();
      byte[] check = new byte[16];
      header.get(check);
      if (version != 1 || kdf != 1 || iterations < 1 || chunkSize < 1 || chunkSize > 64 << 20) {
        throw new OperationFailed(encrypted + " uses an unknown encryption format (version " + version + ")");
      }
      SecretKeySpec key = deriveKey(passphrase, salt, iterations);
      if (!MessageDigest.isEqual(check, keyCheck(key))) {
        throw new OperationFailed("Wrong passphrase for " + encrypted + ": set BACKUP_PASSPHRASE to the passphrase it was made with");
      }
      long index = 0;
      while (true) {
        byte[] chunk = in.readNBytes(chunkSize + TAG);
        boolean last = chunk.length < chunkSize + TAG;
        if (chunk.length < TAG) throw damaged(encrypted, new EOFException("cut off"));
        out.write(crypt(Cipher.DECRYPT_MODE, key, index++, last, aad, chunk));
        if (last) break;
      }
    } catch (AEADBadTagException e) {
      throw damaged(encrypted, e);
    }
  }

  private static OperationFailed damaged(Path file, Exception cause) {
    return new OperationFailed(file + " is damaged or was changed after it was written (authentication failed)", cause);
  }

  private static byte[] crypt(int mode, SecretKeySpec key, long index, boolean last, byte[] aad, byte[] data) throws AEADBadTagException {
    byte[] nonce = ByteBuffer.allocate(12).putLong(index).put(new byte[3]).put((byte) (last ? 1 : 0)).array();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(data);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  static SecretKeySpec deriveKey(String passphrase, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), salt, iterations, 256);
    try {
      byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return new SecretKeySpec(key, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static byte[] keyCheck(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal("campfire backup key check".getBytes(StandardCharsets.US_ASCII)), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
