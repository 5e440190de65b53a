package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("database-independent")
class BackupCryptoTest {
  static final String PASSPHRASE = "a long enough passphrase";
  @TempDir Path dir;

  @Test
  void files_of_every_chunk_boundary_size_come_back_exactly() throws Exception {
    for (int size : new int[] {0, 1, BackupCrypto.CHUNK - 1, BackupCrypto.CHUNK, BackupCrypto.CHUNK + 1, 2 * BackupCrypto.CHUNK}) {
      byte[] plain = new byte[size];
      new Random(size).nextBytes(plain);
      Path in = Files.write(dir.resolve("in-" + size), plain);
      Path sealed = dir.resolve("sealed-" + size);
      Path out = dir.resolve("out-" + size);
      BackupCrypto.encrypt(in, sealed, PASSPHRASE);
      assertThat(BackupCrypto.isEncrypted(sealed)).isTrue();
      assertThat(BackupCrypto.isEncrypted(in)).isFalse();
      int chunks = size / BackupCrypto.CHUNK + 1;
      assertThat(Files.size(sealed)).isEqualTo(50L + size + 16L * chunks);
      BackupCrypto.decrypt(sealed, out, PASSPHRASE);
      assertThat(Files.readAllBytes(out)).as("size %d", size).isEqualTo(plain);
    }
  }

  @Test
  void a_wrong_passphrase_a_cut_off_file_and_a_changed_header_are_refused() throws Exception {
    byte[] plain = new byte[BackupCrypto.CHUNK + 100];
    new Random(7).nextBytes(plain);
    Path in = Files.write(dir.resolve("in"), plain);
    Path sealed = dir.resolve("sealed");
    BackupCrypto.encrypt(in, sealed, PASSPHRASE);
    byte[] bytes = Files.readAllBytes(sealed);

    assertThatThrownBy(() -> BackupCrypto.decrypt(sealed, dir.resolve("out"), "another long passphrase"))
        .isInstanceOf(OperationFailed.class).hasMessageContaining("Wrong passphrase");

    Path cut = Files.write(dir.resolve("cut"), Arrays.copyOf(bytes, 50 + BackupCrypto.CHUNK + 16));
    assertThatThrownBy(() -> BackupCrypto.decrypt(cut, dir.resolve("out"), PASSPHRASE))
        .isInstanceOf(OperationFailed.class).hasMessageContaining("damaged");

    byte[] otherChunkSize = bytes.clone();
    otherChunkSize[31] ^= 1;
    Path header = Files.write(dir.resolve("header"), otherChunkSize);
    assertThatThrownBy(() -> BackupCrypto.decrypt(header, dir.resolve("out"), PASSPHRASE))
        .isInstanceOf(OperationFailed.class).hasMessageContaining("damaged");
  }
}
