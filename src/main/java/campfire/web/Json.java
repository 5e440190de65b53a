package campfire.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON writer for what we send: API answers ({@code ctx.json}), webhook and push payloads,
 * the app manifest. Bodies are records, written in the order of their components; a component
 * that is null is written as null unless its record says otherwise ({@code @JsonInclude}).
 */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Not writable as JSON: " + value.getClass().getName(), e);
    }
  }
}
