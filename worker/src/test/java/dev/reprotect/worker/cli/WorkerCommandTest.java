package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerCommandTest {
  @Test
  void theHelpExplainsTheSlotCountsAndTheirQueues() {
    CliRun run = CliRun.of("worker", "--help");

    assertThat(run.exitCode()).isZero();
    // The help is wrapped to the terminal's width: read it as one line.
    assertThat(run.stdout().replaceAll("\\s+", " "))
        .contains(
            "--step-slots=N",
            "--sync-slots=N",
            "'reprotect-sync'",
            "--shipment-slots=N",
            "'reprotect-shipment'",
            "(default: 50)",
            "(default: 4)",
            "(default: 20)",
            "one in flight per protected VM",
            "8 disk threads and 32 range threads");
  }

  @Test
  void theHelpOffersTheMetricsPortAndItsVariable() {
    CliRun run = CliRun.of("worker", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("--metrics-port=PORT", "$REPROTECT_METRICS_PORT", "/metrics");
  }

  @Test
  void aWorkerWithoutASyncSlotIsAUsageErrorAndStartsNothing() {
    CliRun run = CliRun.of("worker", "--sync-slots", "0", "--address", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--sync-slots");
  }

  @Test
  void aWorkerWithoutAShipmentSlotIsAUsageErrorAndStartsNothing() {
    CliRun run = CliRun.of("worker", "--shipment-slots", "0", "--address", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--shipment-slots");
  }

  @Test
  void theSlotCountsCanComeFromTheEnvironmentLikeTheOtherSettings() {
    CliRun run = CliRun.of("worker", "--help");

    assertThat(run.stdout())
        .contains("$REPROTECT_STEP_SLOTS", "$REPROTECT_SYNC_SLOTS", "$REPROTECT_SHIPMENT_SLOTS");
  }
}
