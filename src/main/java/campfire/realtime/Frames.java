package campfire.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Action Cable wire format: every frame the server writes, and parsing what clients send. */
final class Frames {
  static final String WELCOME = "{\"type\":\"welcome\"}";
  static final String UNAUTHORIZED = "{\"type\":\"disconnect\",\"reason\":\"unauthorized\",\"reconnect\":false}";
  static final String SERVER_RESTART = "{\"type\":\"disconnect\",\"reason\":\"server_restart\",\"reconnect\":true}";

  private final ObjectMapper mapper;

  Frames(ObjectMapper mapper) { this.mapper = mapper; }

  String ping(long epochSeconds) { return "{\"type\":\"ping\",\"message\":" + epochSeconds + "}"; }

  String confirm(String identifier) { return "{\"identifier\":" + quote(identifier) + ",\"type\":\"confirm_subscription\"}"; }

  String reject(String identifier) { return "{\"identifier\":" + quote(identifier) + ",\"type\":\"reject_subscription\"}"; }

  /** A data frame; {@code messageJson} is already JSON (a quoted string or an object). */
  String message(String identifier, String messageJson) {
    return "{\"identifier\":" + quote(identifier) + ",\"message\":" + messageJson + "}";
  }

  String quote(String text) {
    try {
      return mapper.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  ObjectNode object() { return mapper.createObjectNode(); }

  String write(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON object in the text, or null for anything else (never an exception for bad input). */
  ObjectNode parseObject(String text) {
    if (text == null) return null;
    try {
      return mapper.readTree(text) instanceof ObjectNode object ? object : null;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }
}
