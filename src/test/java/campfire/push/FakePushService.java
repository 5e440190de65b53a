package campfire.push;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push service on loopback standing in for a browser vendor's: it holds a subscriber's key pair,
 * decrypts what it receives (RFC 8291, aes128gcm) and checks the VAPID token (RFC 8292).
 */
final class FakePushService implements AutoCloseable {
  record Received(String payload, String jwtAudience, boolean signatureValid) {}

  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  volatile int status = 201;
  private final HttpServer server;
  private final KeyPair subscriber;
  private final byte[] authSecret = new byte[16];

  FakePushService() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    subscriber = generator.generateKeyPair();
    new java.security.SecureRandom().nextBytes(authSecret);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/push", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      try {
        received.add(new Received(decrypt(body), audience(exchange.getRequestHeaders().getFirst("Authorization")),
            verify(exchange.getRequestHeaders().getFirst("Authorization"))));
      } catch (Exception e) {
        received.add(new Received("UNDECRYPTABLE " + e + " headers=" + exchange.getRequestHeaders().entrySet(), null, false));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String endpoint() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/push/abc"; }

  String p256dh() { return b64(uncompressed((ECPublicKey) subscriber.getPublic())); }

  String auth() { return b64(authSecret); }

  private String decrypt(byte[] body) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    in.getInt();
    byte[] serverKey = new byte[in.get() & 0xff];
    in.get(serverKey);
    byte[] ciphertext = new byte[in.remaining()];
    in.get(ciphertext);
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(subscriber.getPrivate());
    agreement.doPhase(publicKey(serverKey), true);
    byte[] shared = agreement.generateSecret();
    byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uncompressed((ECPublicKey) subscriber.getPublic()), serverKey);
    byte[] ikm = expand(hmac(authSecret, shared), keyInfo, 32);
    byte[] prk = hmac(salt, ikm);
    byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = cipher.doFinal(ciphertext);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) end--;
    return new String(padded, 0, end, StandardCharsets.UTF_8);
  }

  private static String audience(String authorization) throws Exception {
    String jwt = authorization.replaceAll(".*t=([^,\\s]+).*", "$1");
    String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    return claims.replaceAll(".*\"aud\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }

  private boolean verify(String authorization) throws Exception {
    String jwt = authorization.replaceAll(".*t=([^,\\s]+).*", "$1");
    String k = authorization.replaceAll(".*k=([^,\\s]+).*", "$1");
    String[] parts = jwt.split("\\.");
    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
    signature.initVerify(publicKey(Base64.getUrlDecoder().decode(k)));
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
  }

  private java.security.PublicKey publicKey(byte[] uncompressed) throws Exception {
    ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)), new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ((ECPublicKey) subscriber.getPublic()).getParams()));
  }

  private static byte[] uncompressed(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 4;
    byte[] x = unsigned(key.getW().getAffineX());
    byte[] y = unsigned(key.getW().getAffineY());
    System.arraycopy(x, 0, out, 33 - x.length, x.length);
    System.arraycopy(y, 0, out, 65 - y.length, y.length);
    return out;
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 && bytes.length > 32 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] expand(byte[] prk, byte[] info, int length) throws Exception {
    return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) length += part.length;
    ByteBuffer out = ByteBuffer.allocate(length);
    for (byte[] part : parts) out.put(part);
    return out.array();
  }

  private static String b64(byte[] bytes) { return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); }

  @Override
  public void close() { server.stop(0); }
}
