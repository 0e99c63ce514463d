package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sim command's fault flags are checked before anything is opened or served. */
class SimCommandTest {
  @TempDir Path dataDir;

  @Test
  void aFaultRateOutsideZeroToOneIsAUsageError() {
    CliRun run = CliRun.of("sim", "--data-dir", dataDir.toString(), "--fault-rate", "1.5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("between 0 and 1");
  }

  @Test
  void anUnknownFaultKindIsAUsageErrorThatListsTheKinds() {
    CliRun run =
        CliRun.of("sim", "--data-dir", dataDir.toString(), "--fault-kinds", "throttle,meteor");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("meteor", "throttle,error,drop,slow,error-after,drop-after");
  }

  @Test
  void theHelpNamesTheFaultFlags() {
    CliRun run = CliRun.of("sim", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("--fault-rate", "--fault-kinds", "--fault-seed", "/admin/faults");
  }
}
