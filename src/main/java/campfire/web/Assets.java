package campfire.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import map for pinned libraries and our own modules. In the jar it is built once; in
 * development it is read again on each page so edits show on reload.
 */
public final class Assets {
  private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"");
  private final Path sourceRoot;
  private final String cached;
  private final String version;

  private Assets(Path sourceRoot) {
    this.sourceRoot = sourceRoot;
    this.cached = sourceRoot == null ? build() : null;
    this.version = sourceRoot == null ? HexFormat.of().formatHex(cached.getBytes(StandardCharsets.UTF_8), 0, 4) + Long.toHexString(System.currentTimeMillis() & 0xffff) : "dev";
  }

  public static Assets fromClasspath() { return new Assets(null); }

  public static Assets fromSource(Path publicDirectory) { return new Assets(publicDirectory); }

  public String importMap() { return cached != null ? cached : build(); }

  public String version() { return version; }

  private String build() {
    Map<String, String> imports = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(read("vendor/importmap.json"));
    while (m.find()) if (!m.group(1).equals("imports")) imports.put(m.group(1), m.group(2));
    imports.put("application", "/js/application.js");
    imports.put("controllers/", "/js/controllers/");
    StringBuilder json = new StringBuilder("{\"imports\":{");
    imports.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v).append("\","));
    json.setLength(json.length() - 1);
    return json.append("}}").toString();
  }

  private String read(String path) {
    try {
      if (sourceRoot != null) return Files.readString(sourceRoot.resolve(path));
      try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("public/" + path)) {
        if (in == null) return "{}";
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
