package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.Nginx;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/nginx.conf with Debian's nginx (installed by .ci/run), pointed at a test server on loopback ports. */
class NginxProxyTest {
  @TempDir Path prefix;

  @Test
  void the_shipped_nginx_config_passes_nginx_t() throws Exception {
    Path conf = adapt(3000, Nginx.freePort(), Nginx.freePort());
    Run test = nginx("-t", "-c", conf.toString());
    assertThat(test.exit()).as(test.output()).isZero();
    assertThat(test.output()).contains("syntax is ok", "test is successful");
  }

  @Test
  void pages_and_the_cable_websocket_pass_through_nginx_with_tls() throws Exception {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      int http = Nginx.freePort();
      int https = Nginx.freePort();
      Path conf = adapt(server.port(), http, https);
      Process nginx = Nginx.start(prefix, conf);
      try {
        SSLContext tls = trusting(prefix.resolve("ssl/fullchain.pem"));
        HttpClient client = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "https://127.0.0.1:" + https;
        assertThat(Nginx.waitFor(client, base + "/health")).isEqualTo(200);

        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/session/new")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("csrf-token");
        HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/rooms")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location")).hasValue("https://127.0.0.1/rooms");
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = client.newWebSocketBuilder()
            .subprotocols("actioncable-v1-json", "actioncable-unsupported")
            .header("Cookie", "session_token=" + alice.cookie("session_token"))
            .header("Origin", base)
            .buildAsync(URI.create("wss://127.0.0.1:" + https + "/cable"), new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                frames.add(data.toString());
                webSocket.request(1);
                return null;
              }
            }).get(10, TimeUnit.SECONDS);
        assertThat(socket.getSubprotocol()).isEqualTo("actioncable-v1-json");
        assertThat(frames.poll(10, TimeUnit.SECONDS)).contains("\"type\":\"welcome\"");
        String next = frames.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("the server's pings keep flowing through the proxy").contains("\"type\":\"ping\"");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      } finally {
        nginx.destroy();
        nginx.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The shipped config with the upstream, ports, certificate and log paths moved under the temporary prefix. */
  Path adapt(int appPort, int httpPort, int httpsPort) throws Exception {
    makeCertificate(prefix.resolve("ssl"));
    return Nginx.adapt(Path.of("deploy/nginx.conf"), prefix, List.of(
        new String[] {"server campfire:3000;", "server 127.0.0.1:" + appPort + ";"},
        new String[] {"listen [::]:80;", ""},
        new String[] {"listen [::]:443 ssl;", ""},
        new String[] {"listen 80;", "listen 127.0.0.1:" + httpPort + ";"},
        new String[] {"listen 443 ssl;", "listen 127.0.0.1:" + httpsPort + " ssl;"},
        new String[] {"/etc/nginx/ssl/", prefix.resolve("ssl") + "/"},
        new String[] {"error_log /dev/stderr warn;", "error_log " + prefix.resolve("error.log") + " warn;"},
        new String[] {"access_log /dev/stdout;", "access_log " + prefix.resolve("access.log") + ";"}));
  }

  record Run(int exit, String output) {}

  Run nginx(String... args) throws Exception {
    Process process = Nginx.command(prefix, args).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written as PEM files for nginx. */
  static void makeCertificate(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path store = dir.resolve("test.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "nginx", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as(output).isTrue();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    Certificate certificate = keys.getCertificate("nginx");
    Files.writeString(dir.resolve("fullchain.pem"), pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(dir.resolve("privkey.pem"), pem("PRIVATE KEY", keys.getKey("nginx", "changeit".toCharArray()).getEncoded()));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  static SSLContext trusting(Path certificatePem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("nginx", java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificatePem))));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
