package campfire.web;

import campfire.domain.DomainError;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Stylesheets, scripts, images and sounds as Rails' asset pipeline serves them: each under
 * {@code /assets/<name>-<digest>.<ext>}, the digest taken from the bytes (so every instance of one
 * release names the same URLs), cached for a year, text compressed once. A stylesheet's relative
 * {@code url(...)} and {@code @import} are rewritten to the digested names; scripts find each
 * other through the import map. In the jar the catalog is built once; in development it is built
 * again when a file has changed, so edits show on reload.
 */
public final class Assets {
  public static final String PREFIX = "/assets/";
  private static final Pattern IMPORT_MAP_ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*(['\"]?)([^'\")]+)\\1\\s*\\)");
  /** {@code from "./x.js"}, {@code import "../y.js"}, {@code import("./z.js")}: a module named by a relative path. */
  private static final Pattern RELATIVE_IMPORT = Pattern.compile("(?:\\bfrom|\\bimport)\\s*\\(?\\s*[\"'](\\.{1,2}/[^\"']+)[\"']");
  /** Folders whose name is not part of the logical name, as Rails' load paths drop theirs. */
  private static final List<String> LOAD_PATHS = List.of("css/", "js/", "images/");
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private final Path sourceRoot;
  private final Catalog packaged;
  /** With --dev: the catalog last built from the sources, and the stamp of the files it was built from. */
  private volatile Live live = new Live(0, null);

  private record Live(long stamp, Catalog catalog) {}

  private Assets(Path sourceRoot) {
    this.sourceRoot = sourceRoot;
    this.packaged = sourceRoot == null ? Packaged.CATALOG : null;
  }

  /** The packaged files never change while the process runs: digested and compressed once, on first use. */
  private static final class Packaged {
    static final Catalog CATALOG = packagedCatalog();
  }

  public static Assets fromClasspath() { return new Assets(null); }

  public static Assets fromSource(Path publicDirectory) { return new Assets(publicDirectory); }

  /** The digested URL of a logical name such as {@code app.css} or {@code campfire.svg}. */
  public String url(String logicalName) {
    Asset asset = current().byName.get(logicalName);
    if (asset == null) throw new IllegalArgumentException("No asset named " + logicalName);
    return asset.url;
  }

  public String importMap() { return current().importMap; }

  /**
   * The content digest of one file, as its URL carries it: the same function for every caller,
   * so a name computed elsewhere from the same bytes (a sound) matches the catalog.
   */
  public static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code sounds/bell.wav} with these bytes is {@code /assets/sounds/bell-<digest>.wav}. */
  public static String digestedUrl(String logicalName, byte[] bytes) {
    int dot = logicalName.lastIndexOf('.');
    return PREFIX + logicalName.substring(0, dot) + "-" + digest(bytes) + logicalName.substring(dot);
  }

  /** GET /assets/*: a digested name for a year, the plain logical name revalidated each time. */
  public void serve(Context ctx) {
    Answer answer = answer(ctx.path(), ctx.header("If-None-Match"), ctx.header("Accept-Encoding"));
    if (answer == null) throw new DomainError.NotFound();
    answer.headers().forEach(ctx::header);
    ctx.status(answer.status());
    if (answer.body() != null) ctx.result(answer.body());
  }

  /** What an asset request gets: a status, its headers in order, and the body (none for a 304). */
  public record Answer(int status, Map<String, String> headers, byte[] body) {}

  /**
   * The answer to GET {@code path}, or null when no file is there: {@code /assets/<digested or
   * logical name>}, or any file of /public at its own path ({@code /css/app.css},
   * {@code /service-worker.js}), revalidated each time. The one place the rules live, for
   * Javalin's route and for {@link AssetHandler}, which serves them ahead of it.
   */
  public Answer answer(String path, String ifNoneMatch, String acceptEncoding) {
    Catalog now = current();
    Asset asset;
    boolean digested = false;
    if (path.startsWith(PREFIX)) {
      asset = now.byUrl.get(path);
      digested = asset != null;
      if (asset == null) asset = now.byName.get(path.substring(PREFIX.length()));
    } else {
      asset = now.byPath.get(path);
    }
    if (asset == null) return null;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", digested ? IMMUTABLE : "no-cache");
    headers.put("ETag", asset.etag);
    if (asset.etag.equals(ifNoneMatch)) return new Answer(HttpStatus.NOT_MODIFIED.getCode(), headers, null);
    headers.put("Content-Type", asset.contentType);
    if (asset.gzipped != null) headers.put("Vary", "Accept-Encoding");
    if (asset.gzipped != null && acceptEncoding != null && acceptEncoding.contains("gzip")) {
      headers.put("Content-Encoding", "gzip");
      return new Answer(200, headers, asset.gzipped);
    }
    return new Answer(200, headers, asset.bytes);
  }

  /**
   * The packaged catalog; with --dev, the one built from the sources, built again when a file was
   * added, removed or changed (every request asks: a page, each of its files, its headers).
   */
  private Catalog current() {
    if (sourceRoot == null) return packaged;
    long stamp = stamp(sourceRoot);
    Live known = live;
    if (known.catalog() != null && known.stamp() == stamp) return known.catalog();
    Catalog built = Catalog.build(sourceRoot);
    live = new Live(stamp, built);
    return built;
  }

  /** Each file's path, size and modification time folded into one number. */
  private static long stamp(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      long stamp = 17;
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        stamp = 31 * stamp + file.hashCode();
        stamp = 31 * stamp + Files.size(file);
        stamp = 31 * stamp + Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS);
      }
      return stamp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The packaged files, read once. The jar's own file system indexes every entry of the jar (about
   * 100,000 in the fat jar, 15 MB of heap), so it is open only while the catalog is built.
   */
  private static Catalog packagedCatalog() {
    try {
      URI uri = Assets.class.getClassLoader().getResource("public/css/app.css").toURI();
      if (!"jar".equals(uri.getScheme())) return Catalog.build(Path.of(uri).getParent().getParent());
      FileSystem jar;
      try {
        jar = FileSystems.newFileSystem(uri, Map.of());
      } catch (java.nio.file.FileSystemAlreadyExistsException e) {
        return Catalog.build(FileSystems.getFileSystem(uri).getPath("/public")); // someone else's: left open
      }
      try (jar) {
        return Catalog.build(jar.getPath("/public"));
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("The packaged assets cannot be read", e);
    }
  }

  /** Gzipped bytes at a deflate level (assets once at the best, kept pages at the fastest). */
  static byte[] gzip(byte[] bytes, int level) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out) { { def.setLevel(level); } }) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private record Asset(String name, String url, byte[] bytes, byte[] gzipped, String contentType, String etag) { }

  private record Catalog(Map<String, Asset> byName, Map<String, Asset> byUrl, Map<String, Asset> byPath, String importMap) {

    static Catalog build(Path root) {
      Map<String, byte[]> files = new TreeMap<>();
      Map<String, String> pathOf = new HashMap<>();
      Map<String, byte[]> others = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
          String relative = root.relativize(file).toString().replace('\\', '/');
          if (served(relative)) {
            files.put(logicalName(relative), Files.readAllBytes(file));
            pathOf.put(logicalName(relative), relative);
          } else {
            others.put(relative, Files.readAllBytes(file));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, Asset> byName = new LinkedHashMap<>();
      for (String name : files.keySet()) add(name, files, byName);
      Map<String, Asset> byUrl = new HashMap<>();
      byName.values().forEach(asset -> byUrl.put(asset.url, asset));
      // Every file also answers at its own path under /: /css/app.css, /images/..., /service-worker.js.
      Map<String, Asset> byPath = new HashMap<>();
      for (Asset asset : byName.values()) byPath.put("/" + pathOf.get(asset.name), asset);
      others.forEach((relative, bytes) -> byPath.put("/" + relative, plain(relative, bytes)));
      return new Catalog(java.util.Collections.unmodifiableMap(byName), Map.copyOf(byUrl), Map.copyOf(byPath), importMap(root, byName));
    }

    /** A file that is not an asset (the service worker, licence texts): served as it is, at its path only. */
    private static Asset plain(String relative, byte[] bytes) {
      String type = relative.substring(relative.lastIndexOf('/') + 1).contains(".") ? contentType(relative) : "text/plain; charset=utf-8";
      return new Asset(relative, "/" + relative, bytes, isText(type) ? gzip(bytes, java.util.zip.Deflater.BEST_COMPRESSION) : null, type,
          "\"" + digest(bytes) + "\"");
    }

    private static boolean isText(String type) {
      return type.startsWith("text/") || type.equals("image/svg+xml") || type.equals("application/json");
    }

    /** Stylesheets first resolve what they import, so their own digest covers their imports'. */
    private static Asset add(String name, Map<String, byte[]> files, Map<String, Asset> byName) {
      Asset known = byName.get(name);
      if (known != null) return known;
      byte[] bytes = files.get(name);
      if (name.endsWith(".css")) bytes = rewriteUrls(name, new String(bytes, StandardCharsets.UTF_8), files, byName).getBytes(StandardCharsets.UTF_8);
      String url = digestedUrl(name, bytes);
      String type = contentType(name);
      Asset asset = new Asset(name, url, bytes, isText(type) ? gzip(bytes, java.util.zip.Deflater.BEST_COMPRESSION) : null, type, "\"" + digest(bytes) + "\"");
      byName.put(name, asset);
      return asset;
    }

    private static String rewriteUrls(String name, String css, Map<String, byte[]> files, Map<String, Asset> byName) {
      String folder = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
      Matcher m = CSS_URL.matcher(css);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String target = m.group(2).trim();
        String resolved = target.contains(":") || target.startsWith("/") || target.startsWith("#") ? null : normalize(folder + target);
        String replacement = resolved != null && files.containsKey(resolved)
            ? "url(\"" + add(resolved, files, byName).url + "\")"
            : m.group();
        m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(out);
      return out.toString();
    }

    private static String normalize(String path) {
      java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
      for (String part : path.split("/")) {
        if (part.equals("..")) parts.pollLast();
        else if (!part.equals(".") && !part.isEmpty()) parts.addLast(part);
      }
      return String.join("/", parts);
    }

    private static String importMap(Path root, Map<String, Asset> byName) {
      Map<String, String> imports = new LinkedHashMap<>();
      Path pinned = root.resolve("vendor/importmap.json");
      try {
        Matcher m = IMPORT_MAP_ENTRY.matcher(Files.exists(pinned) ? Files.readString(pinned) : "{}");
        while (m.find()) {
          if (m.group(1).equals("imports")) continue;
          String key = m.group(1).startsWith("/") ? "/assets" + m.group(1) : m.group(1);
          Asset target = byName.get(m.group(2).substring(1));
          imports.put(key, target == null ? PREFIX + m.group(2).substring(1) : target.url);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Our modules by bare name; a script imported by a relative path (inside the pinned libraries)
      // also by its plain URL, which is what such an import resolves to.
      Set<String> importedRelatively = relativelyImported(byName);
      for (Asset asset : byName.values()) {
        if (!asset.name.endsWith(".js")) continue;
        if (!asset.name.startsWith("vendor/") && !asset.name.startsWith("sounds/")) imports.putIfAbsent(asset.name.equals("application.js") ? "application" : asset.name, asset.url);
        if (importedRelatively.contains(asset.name)) imports.putIfAbsent(PREFIX + asset.name, asset.url);
      }
      StringBuilder json = new StringBuilder("{\"imports\":{");
      imports.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v).append("\","));
      json.setLength(json.length() - 1);
      return json.append("}}").toString();
    }

    /** The scripts some script imports by a relative path, by logical name. */
    private static Set<String> relativelyImported(Map<String, Asset> byName) {
      Set<String> imported = new HashSet<>();
      for (Asset asset : byName.values()) {
        if (!asset.name.endsWith(".js")) continue;
        String folder = asset.name.contains("/") ? asset.name.substring(0, asset.name.lastIndexOf('/') + 1) : "";
        Matcher m = RELATIVE_IMPORT.matcher(new String(asset.bytes, StandardCharsets.UTF_8));
        while (m.find()) imported.add(normalize(folder + m.group(1)));
      }
      return imported;
    }

    /** The service worker stays at the root (its scope is the whole site); licences and pins are not served. */
    private static boolean served(String relative) {
      return relative.contains("/") && !relative.startsWith("vendor/licenses/") && !relative.endsWith(".md")
          && !relative.equals("vendor/importmap.json");
    }

    private static String logicalName(String relative) {
      for (String loadPath : LOAD_PATHS) if (relative.startsWith(loadPath)) return relative.substring(loadPath.length());
      return relative;
    }

    private static String contentType(String name) {
      String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
      return switch (ext) {
        case "css" -> "text/css";
        case "js", "mjs" -> "text/javascript";
        case "svg" -> "image/svg+xml";
        case "png" -> "image/png";
        case "jpg", "jpeg" -> "image/jpeg";
        case "webp" -> "image/webp";
        case "gif" -> "image/gif";
        case "ico" -> "image/x-icon";
        case "wav" -> "audio/wav";
        case "mp3" -> "audio/mpeg";
        case "woff2" -> "font/woff2";
        case "woff" -> "font/woff";
        case "json", "map" -> "application/json";
        case "md", "txt", "license", "license-mpl" -> "text/plain; charset=utf-8";
        default -> "application/octet-stream";
      };
    }

  }
}
