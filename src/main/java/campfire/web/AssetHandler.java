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
 * Serves the files of /public in Jetty, ahead of the servlet and Javalin: {@code /assets/...} by
 * digested or logical name, and every file at its own path ({@code /css/app.css},
 * {@code /service-worker.js}). A page load fetches dozens of them, each already read, digested and
 * compressed in memory, and the servlet pipeline (routing, request log, limits, which files skip
 * anyway) cost half of each answer. The answers are {@link Assets#answer}'s (GET and HEAD), with
 * the headers every response carries ({@link SecurityHeaders#fixed}); any other path goes on to
 * Javalin. Each answer is counted in the request metrics, under {@code /assets/<path>} or
 * {@code static} as before.
 */
public final class AssetHandler extends Handler.Wrapper {
  /** Told of each answer: its method, route, status and how long it took, in nanoseconds. */
  @FunctionalInterface
  public interface Answered {
    void answered(String method, String route, int status, long nanos);
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
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    if (!head && !HttpMethod.GET.is(request.getMethod())) return super.handle(request, response, callback);
    String path = Request.getPathInContext(request);
    Assets.Answer answer = assets.answer(path, request.getHeaders().get(HttpHeader.IF_NONE_MATCH),
        request.getHeaders().get(HttpHeader.ACCEPT_ENCODING));
    if (answer == null) return super.handle(request, response, callback);
    response.setStatus(answer.status());
    var headers = response.getHeaders();
    for (Map.Entry<String, String> header : securityHeaders.fixed().entrySet()) headers.put(header.getKey(), header.getValue());
    for (Map.Entry<String, String> header : answer.headers().entrySet()) headers.put(header.getKey(), header.getValue());
    if (answer.body() != null) headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, answer.body() == null || head ? null : ByteBuffer.wrap(answer.body()), callback);
    answered.answered(request.getMethod(), path.startsWith(Assets.PREFIX) ? "/assets/<path>" : "static", answer.status(), System.nanoTime() - started);
    return true;
  }
}
