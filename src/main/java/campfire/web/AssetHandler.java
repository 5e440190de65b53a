package campfire.web;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves {@code GET /assets/...} in Jetty, ahead of the servlet and Javalin: a page load fetches
 * dozens of them, each already digested and compressed, and the servlet pipeline (routing,
 * request log, limits, which assets skip anyway) cost half of each answer. The answers are
 * {@link Assets#answer}'s, with the headers every response carries ({@link SecurityHeaders#fixed});
 * a path that is no asset goes on to Javalin, which answers its 404 page. Each answer is counted
 * in the request metrics under the route {@code /assets/<path>}, as before.
 */
public final class AssetHandler extends Handler.Wrapper {
  /** Told of each answer: its status and how long it took, in nanoseconds. */
  @FunctionalInterface
  public interface Answered {
    void answered(int status, long nanos);
  }

  private final Assets assets;
  private final SecurityHeaders securityHeaders;
  private final Answered answered;

  public AssetHandler(Assets assets, SecurityHeaders securityHeaders, Answered answered) {
    this.assets = assets;
    this.securityHeaders = securityHeaders;
    this.answered = answered;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long started = System.nanoTime();
    if (!HttpMethod.GET.is(request.getMethod())) return super.handle(request, response, callback);
    String path = Request.getPathInContext(request);
    if (!path.startsWith(Assets.PREFIX)) return super.handle(request, response, callback);
    Assets.Answer answer = assets.answer(path, request.getHeaders().get(HttpHeader.IF_NONE_MATCH),
        request.getHeaders().get(HttpHeader.ACCEPT_ENCODING));
    if (answer == null) return super.handle(request, response, callback);
    response.setStatus(answer.status());
    var headers = response.getHeaders();
    for (Map.Entry<String, String> header : securityHeaders.fixed().entrySet()) headers.put(header.getKey(), header.getValue());
    for (Map.Entry<String, String> header : answer.headers().entrySet()) headers.put(header.getKey(), header.getValue());
    if (answer.body() == null) {
      response.write(true, null, callback);
    } else {
      headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
      response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
    answered.answered(answer.status(), System.nanoTime() - started);
    return true;
  }
}
