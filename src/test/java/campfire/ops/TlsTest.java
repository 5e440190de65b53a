package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import campfire.support.TestServer;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  @TempDir Path dir;

  /** A self-signed certificate for localhost, made with Debian's openssl. */
  Path[] certificate(String name) throws Exception {
    Path cert = dir.resolve(name + ".cert.pem");
    Path key = dir.resolve(name + ".key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    openssl.getInputStream().readAllBytes();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).isZero();
    return new Path[] {cert, key};
  }

  static X509Certificate read(Path cert) throws Exception {
    try (InputStream in = Files.newInputStream(cert)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  static HttpClient trusting(X509Certificate... certificates) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certificates.length; i++) trust.setCertificateEntry("c" + i, certificates[i]);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  @Test
  void the_start_line_gives_the_scheme_served() throws Exception {
    Path[] pair = certificate("start");
    Map<String, String> plain = Map.of("DATABASE_URL", "sqlite:" + dir.resolve("start.db"), "BIND_ADDRESS", "127.0.0.1:3000");
    java.util.Map<String, String> tls = new java.util.HashMap<>(plain);
    tls.put("TLS_CERT", pair[0].toString());
    tls.put("TLS_KEY", pair[1].toString());
    assertThat(campfire.Config.from(tls, false, null).address(3443)).isEqualTo("https://127.0.0.1:3443");
    assertThat(campfire.Config.from(plain, false, null).address(3000)).isEqualTo("http://127.0.0.1:3000");
  }

  @Test
  void serves_https_with_hsts_and_secure_cookies_and_reloads_a_renewed_certificate() throws Exception {
    Path[] first = certificate("first");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.copy(first[0], cert);
    Files.copy(first[1], key);
    try (TestServer server = TestServer.start(Map.of("TLS_CERT", cert.toString(), "TLS_KEY", key.toString()))) {
      String base = "https://localhost:" + server.port();
      X509Certificate one = read(first[0]);
      HttpResponse<String> up = trusting(one).send(HttpRequest.newBuilder(URI.create(base + "/up")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("background-color: green");
      HttpResponse<String> page = trusting(one).send(HttpRequest.newBuilder(URI.create(base + "/first_run")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
      assertThat(page.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("csrf_seed=") && c.contains("Secure"));

      Path[] second = certificate("second");
      X509Certificate two = read(second[0]);
      Files.copy(second[1], key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(second[0], cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      // The files are watched: a new handshake is served the new certificate once it is seen.
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(250))
          .until(() -> servedSerial(base, one, two), two.getSerialNumber()::equals);
    }
  }

  @Test
  void missing_or_broken_tls_files_stop_the_boot_with_the_variable_named() throws Exception {
    Path[] pair = certificate("pair");
    assertThatThrownBy(() -> TestServer.start(Map.of("TLS_CERT", pair[0].toString()))).hasMessageContaining("TLS_CERT and TLS_KEY");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    assertThatThrownBy(() -> TestServer.start(Map.of("TLS_CERT", garbage.toString(), "TLS_KEY", pair[1].toString())))
        .hasMessageStartingWith("TLS_CERT");
    assertThatThrownBy(() -> TestServer.start(Map.of("TLS_CERT", pair[0].toString(), "TLS_KEY", garbage.toString())))
        .hasMessageStartingWith("TLS_KEY");
  }

  private static BigInteger servedSerial(String base, X509Certificate one, X509Certificate two) throws Exception {
    HttpResponse<String> response = trusting(one, two).send(HttpRequest.newBuilder(URI.create(base + "/up")).build(),
        HttpResponse.BodyHandlers.ofString());
    return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
  }
}
