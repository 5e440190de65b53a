package campfire.portability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads whose mention an ONCE Campfire body holds. Rails embeds a signed global id: URL-safe or
 * standard Base64 of an envelope, then {@code --} and a signature. Installs hold two envelope
 * formats: Rails 7.1 and later put {@code gid://campfire/User/<id>} in the JSON envelope's
 * {@code data}; earlier ones put a Base64 Ruby Marshal dump of that string in its {@code message}.
 * Only the id is read; the signature is not checked (it was made with the old install's secret,
 * and the import trusts the old install's own database).
 */
final class SignedGlobalIds {
  private static final Pattern USER = Pattern.compile("gid://[A-Za-z0-9_-]{1,100}/User/(\\d{1,18})(?![\\d/])");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LENGTH = 4096;

  private SignedGlobalIds() {}

  /** The person a signed global id names, when it names a User; empty for anything else or anything unreadable. */
  static OptionalLong userId(String sgid) {
    if (sgid == null || sgid.isEmpty() || sgid.length() > MAX_LENGTH) return OptionalLong.empty();
    int signature = sgid.lastIndexOf("--");
    String data = signature > 0 ? sgid.substring(0, signature) : sgid;
    byte[] envelope = decode(data);
    if (envelope == null) return OptionalLong.empty();
    OptionalLong direct = find(envelope);
    if (direct.isPresent()) return direct;
    try {
      JsonNode rails = JSON.readTree(envelope).path("_rails");
      for (String field : new String[] {"message", "data"}) {
        JsonNode value = rails.path(field);
        if (!value.isTextual()) continue;
        byte[] inner = decode(value.asText());
        OptionalLong id = inner == null ? OptionalLong.empty() : find(inner);
        if (id.isPresent()) return id;
      }
    } catch (java.io.IOException e) {
      // Not JSON (a Marshal envelope, or something else): the plain search above was all there is to read.
    }
    return OptionalLong.empty();
  }

  /** A global id written anywhere in the bytes: as JSON text, or as a Marshal string, whose bytes are the string's own. */
  private static OptionalLong find(byte[] bytes) {
    Matcher user = USER.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
    return user.find() ? OptionalLong.of(Long.parseLong(user.group(1))) : OptionalLong.empty();
  }

  private static byte[] decode(String base64) {
    String standard = base64.strip().replace('-', '+').replace('_', '/');
    int padding = (4 - standard.length() % 4) % 4;
    if (padding == 3) return null;
    try {
      return Base64.getDecoder().decode(standard + "=".repeat(standard.endsWith("=") ? 0 : padding));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
