package campfire.web;

import campfire.db.Database;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Pages kept as they were sent, while nothing has been written since. A page route that only
 * reads ({@link Routes#getPage}) has its 200 answer kept with the {@link Database#version()} it
 * was rendered at, gzipped once, and sent again byte for byte until the version moves: the room
 * page a person reloads, the sidebar, a search. The key is everything of the request that shapes
 * the page: its path and query, its whole Cookie header (who is signed in, the CSRF seed, the last
 * room, a flash), Accept and Turbo-Frame. So a kept page is only ever sent to the browser it was
 * made for, and access is checked on every request before this runs. Answers that set a cookie
 * are not kept. Nothing is kept on PostgreSQL (other instances write too:
 * {@link Database#keepsReads()}) or with --dev; either way every page answer carries the ETag of
 * its bytes, and If-None-Match gets 304.
 */
public final class PageCache {
  private static final String CACHE_CONTROL = "private, no-cache";
  private final Database database;
  private final Cache<Key, Kept> kept;
  private final boolean on;

  private record Key(String path, String query, String cookies, String accept, String frame) {}

  private record Kept(long version, String contentType, byte[] plain, byte[] gzipped, String etag) {}

  /** @param maximumBytes how much page HTML (plain and gzipped) to keep at most */
  public PageCache(Database database, boolean dev, long maximumBytes) {
    this.database = database;
    this.on = !dev && database.keepsReads() && maximumBytes > 0;
    this.kept = Caffeine.newBuilder().maximumWeight(Math.max(maximumBytes, 0))
        .weigher((Key key, Kept page) -> page.plain().length + page.gzipped().length + 200).build();
  }

  /** The handler, answering from what was kept when nothing has been written since; with an ETag either way. */
  public Handler keep(Handler handler) {
    return ctx -> {
      Key key = on ? new Key(ctx.path(), ctx.queryString(), ctx.header("Cookie"), ctx.header("Accept"), ctx.header("Turbo-Frame")) : null;
      long version = database.version();
      Kept page = key == null ? null : kept.getIfPresent(key);
      if (page != null && page.version() == version) {
        send(ctx, page);
        return;
      }
      handler.handle(ctx);
      if (ctx.statusCode() != 200 || ctx.res().containsHeader("Set-Cookie") || ctx.res().containsHeader("Content-Encoding")) return;
      String contentType = ctx.res().getContentType();
      String body = ctx.result();
      if (contentType == null || body == null) return;
      ctx.result(new byte[0]); // the page goes out once, through send()
      byte[] plain = body.getBytes(StandardCharsets.UTF_8);
      page = new Kept(version, contentType, plain, Assets.gzip(plain, Deflater.BEST_SPEED), "\"" + Assets.digest(plain) + "\"");
      if (key != null) kept.put(key, page);
      send(ctx, page);
    };
  }

  private static void send(Context ctx, Kept page) {
    ctx.header("ETag", page.etag());
    ctx.header("Cache-Control", CACHE_CONTROL);
    ctx.header("Vary", "Accept-Encoding");
    if (page.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(HttpStatus.NOT_MODIFIED).result(new byte[0]);
      return;
    }
    ctx.status(200).contentType(page.contentType());
    String acceptEncoding = ctx.header("Accept-Encoding");
    boolean gzip = acceptEncoding != null && acceptEncoding.contains("gzip");
    if (gzip) ctx.header("Content-Encoding", "gzip");
    byte[] body = gzip ? page.gzipped() : page.plain();
    // Written straight to the response, with its length: a result would be copied through an
    // input stream and an 8 KB buffer made for each answer. The answer is complete once written,
    // so the request log and metrics count it just after the browser has it.
    ctx.res().setContentLength(body.length);
    try {
      ctx.res().getOutputStream().write(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
