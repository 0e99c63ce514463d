package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.worker.Await;
import org.junit.jupiter.api.Test;

class ReprotectCliTest {
  @Test
  void anUnknownCommandIsAUsageErrorEvenWithHelp() {
    for (String[] args : new String[][] {{"NOSUCHCOMMAND"}, {"NOSUCHCOMMAND", "--help"}}) {
      CliRun run = CliRun.of(args);

      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
      assertThat(run.stderr()).contains("NOSUCHCOMMAND");
    }
  }

  @Test
  void helpAloneSucceeds() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("Usage: reprotect");
  }

  @Test
  void failoverAndCommitExplainThemselves() {
    CliRun failover = CliRun.of("failover", "--help");
    CliRun commit = CliRun.of("commit", "--help");

    assertThat(failover.exitCode()).isZero();
    assertThat(failover.stdout())
        .contains(
            "--point",
            "latest-processed",
            "latest-app-consistent",
            "--shutdown-source",
            "--change-point",
            "--wait",
            "--json",
            "NotProtected");
    assertThat(commit.exitCode()).isZero();
    assertThat(commit.stdout()).contains("FailoverCommitted", "recovery points", "--wait");
    assertThat(CliRun.of("--help").stdout()).contains("failover", "commit");
  }

  /** Where the CLI looked is the first thing to check when the service does not answer. */
  @Test
  void aTemporalServiceThatDoesNotAnswerIsNamedInTheError() {
    String address = "127.0.0.1:" + Await.freePort();

    CliRun run =
        CliRun.of("status", "web-01", "--vault", "contoso", "--address", address, "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.json().at("/error/code").asText()).isEqualTo("TemporalUnavailable");
    assertThat(run.json().at("/error/message").asText())
        .startsWith("cannot reach the Temporal service at " + address);
  }
}
