package campfire.push;

import com.interaso.webpush.VapidKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The VAPID key pair: from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY (base64url, as the web-push tools
 * print them), else generated once and kept in the data directory.
 */
public final class PushKeys {
  private PushKeys() {}

  public static VapidKeys load(Map<String, String> env, Path dataDir) {
    String publicKey = env.get("VAPID_PUBLIC_KEY");
    String privateKey = env.get("VAPID_PRIVATE_KEY");
    if (publicKey != null && !publicKey.isBlank() && privateKey != null && !privateKey.isBlank()) {
      return VapidKeys.fromUncompressedBytes(publicKey.strip(), privateKey.strip());
    }
    Path file = dataDir.resolve("vapid_keys");
    try {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        return VapidKeys.create(lines.get(0).strip(), lines.get(1).strip());
      }
      VapidKeys keys = VapidKeys.generate();
      Files.createDirectories(dataDir);
      Files.writeString(file, keys.getX509PublicKey() + "\n" + keys.getPkcs8PrivateKey() + "\n");
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }

  /** The public key as the browser's PushManager wants it. */
  public static String applicationServerKey(VapidKeys keys) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
  }
}
