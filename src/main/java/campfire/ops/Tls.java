package campfire.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS (and so WSS) straight from PEM files: TLS_CERT (the chain) and TLS_KEY (a PKCS#8 key,
 * "BEGIN PRIVATE KEY", as openssl writes today). The files are checked for changes and reloaded
 * without a restart, so a renewed certificate takes effect on its own.
 */
public final class Tls implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tls.class);
  private static final char[] PASSWORD = "campfire".toCharArray();
  private final Path certificate;
  private final Path key;
  private final SslContextFactory.Server factory = new SslContextFactory.Server();
  private final ScheduledExecutorService watcher;
  private long loadedStamp;

  public Tls(Path certificate, Path key, long checkEverySeconds) {
    this.certificate = certificate;
    this.key = key;
    factory.setKeyStore(keyStore(certificate, key));
    factory.setKeyStorePassword(new String(PASSWORD));
    loadedStamp = stamp();
    watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tls-reload").daemon().factory());
    watcher.scheduleWithFixedDelay(this::reloadIfChanged, checkEverySeconds, checkEverySeconds, TimeUnit.SECONDS);
  }

  /** Fails with a message naming the setting when the files are missing or unreadable. */
  public static void check(Path certificate, Path key) {
    keyStore(certificate, key);
  }

  public ServerConnector connector(Server server, HttpConfiguration http, String host, int port) {
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(factory, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private void reloadIfChanged() {
    long stamp = stamp();
    if (stamp == loadedStamp) return;
    try {
      KeyStore fresh = keyStore(certificate, key);
      factory.reload(f -> f.setKeyStore(fresh));
      loadedStamp = stamp;
      LOG.info("Reloaded the TLS certificate from {}", certificate);
    } catch (Exception e) {
      LOG.error("TLS_CERT/TLS_KEY changed but could not be loaded; still serving the previous certificate: {}", e.getMessage());
    }
  }

  private long stamp() {
    try {
      return Files.getLastModifiedTime(certificate).toMillis() * 31 + Files.getLastModifiedTime(key).toMillis();
    } catch (IOException e) {
      return loadedStamp;
    }
  }

  static KeyStore keyStore(Path certificate, Path key) {
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(certificate)) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS_CERT: cannot read a PEM certificate from " + certificate + " (" + e.getMessage() + ")");
    }
    if (chain.isEmpty()) throw new IllegalArgumentException("TLS_CERT: no certificate found in " + certificate);
    PrivateKey privateKey = privateKey(key);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("campfire", privateKey, PASSWORD, chain.toArray(Certificate[]::new));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS_KEY: the key does not match TLS_CERT (" + e.getMessage() + ")");
    }
  }

  private static PrivateKey privateKey(Path key) {
    String pem;
    try {
      pem = Files.readString(key, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("TLS_KEY: cannot read " + key + " (" + e.getMessage() + ")");
    }
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException("TLS_KEY: expected a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert with "
          + "openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
    }
    String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
        .replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException ignored) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("TLS_KEY: unsupported key type in " + key);
  }

  @Override
  public void close() { watcher.shutdownNow(); }
}
