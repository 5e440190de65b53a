package campfire.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/campfire.service as shipped: systemd accepts every line of it (systemd-analyze verify
 * prints nothing: an unknown key or a bad value is only a warning there, so any output fails),
 * and it starts the launcher, never a java of its own choosing. The unit is installed into a
 * directory standing in for /opt/campfire, with the launcher where the unit expects it.
 */
@Tag("database-independent")
class SystemdUnitTest {
  static final Path UNIT = Path.of("deploy/campfire.service");

  @TempDir Path opt;

  @Test
  void systemd_accepts_the_unit_and_it_starts_the_launcher() throws Exception {
    String unit = Files.readString(UNIT);
    assertThat(unit).contains("ExecStart=/opt/campfire/bin/campfire serve").doesNotContain("bin/java");
    Files.createDirectories(opt.resolve("bin"));
    Files.createDirectories(opt.resolve("data"));
    Files.copy(Path.of("bin/campfire"), opt.resolve("bin/campfire"));
    Path installed = opt.resolve("campfire.service");
    Files.writeString(installed, unit.replace("/opt/campfire", opt.toString()));

    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assertThat(Files.isExecutable(analyze)).as("systemd-analyze missing: apt-get install systemd (.ci/run installs it)").isTrue();
    Process process = new ProcessBuilder(analyze.toString(), "verify", installed.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).as("systemd-analyze verify's warnings").isEmpty();
  }
}
