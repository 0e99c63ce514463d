package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.worker.dev.TemporalCli;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `reprotect dev --detach` on a real Temporal dev server (the Temporal CLI, which the build ensures
 * before the integration tests; without it this test fails, it is not skipped): a reprotect through
 * it, found by the real `temporal` CLI through the search attributes, listed, its exported history
 * replayed, and the Web UI, in headless Chromium, showing it (screenshots under
 * target/screenshots/).
 */
class DevEnvironmentIT {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir Path dataDir;

  private DetachedDev dev;
  private int uiPort;
  private String address;

  @BeforeAll
  static void temporalCliIsThere() {
    TemporalDevServer.cli();
  }

  @BeforeEach
  void startDev() throws Exception {
    dev = DetachedDev.start(dataDir, "--disk-size", "64MiB");
    uiPort = dev.uiPort;
    address = dev.address();
  }

  @AfterEach
  void stopDev() throws Exception {
    dev.stop();
  }

  @Test
  void aReprotectOnTheDevServerIsFoundReplayedAndShownInTheWebUi() throws Exception {
    PackagedCli.Result start =
        PackagedCli.run(
            "start", "web-01", "--vault", "contoso", "--wait", "--address", address, "--json");
    assertThat(start.exit()).as(start.stderr()).isZero();
    assertThat(new ObjectMapper().readTree(start.stdout()).get("state").asText())
        .isEqualTo("Protected");

    String found =
        temporal(
            "workflow",
            "list",
            "--address",
            address,
            "--query",
            "VmName='web-01'",
            "--output",
            "json");
    assertThat(found).contains("reprotect.contoso.web-01");

    PackagedCli.Result list =
        PackagedCli.run("list", "--vm", "web-01", "--address", address, "--json");
    assertThat(list.exit()).as(list.stderr()).isZero();
    JsonNode jobs = new ObjectMapper().readTree(list.stdout());
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).get("status").asText()).isEqualTo("completed");
    assertThat(jobs.get(0).get("sourceRegion").asText()).isEqualTo("southeastasia");
    assertThat(jobs.get(0).get("step").asText()).isEqualTo("Succeeded");

    Path history = dataDir.resolve("history.json");
    Files.writeString(
        history,
        temporal(
            "workflow",
            "show",
            "--address",
            address,
            "--workflow-id",
            "reprotect.contoso.web-01",
            "--output",
            "json"));
    PackagedCli.Result replay = PackagedCli.run("replay", history.toString(), "--json");
    assertThat(replay.exit()).as(replay.stdout()).isZero();
    assertThat(new ObjectMapper().readTree(replay.stdout()).get("deterministic").asBoolean())
        .isTrue();

    webUiShowsTheJob(
        temporal(
            "workflow",
            "describe",
            "--address",
            address,
            "--workflow-id",
            "reprotect.contoso.web-01",
            "--output",
            "json"));
    theReplicationShowsItsRpoAndHealth();
  }

  /**
   * The replication that the job started runs on: found by its health and RPO search attributes,
   * its RPO and health through `reprotect replication`; stopped, and its current details in the Web
   * UI.
   */
  private void theReplicationShowsItsRpoAndHealth() throws Exception {
    String healthy =
        temporal(
            "workflow",
            "list",
            "--address",
            address,
            "--query",
            "WorkflowType='ReplicationWorkflow' AND ReplicationHealth='Healthy' AND RpoSeconds >= 0",
            "--output",
            "json");
    assertThat(healthy).contains("replication.contoso.web-01");

    PackagedCli.Result replication =
        PackagedCli.run(
            "replication", "web-01", "--vault", "contoso", "--address", address, "--json");
    assertThat(replication.exit()).as(replication.stderr()).isZero();
    JsonNode status = new ObjectMapper().readTree(replication.stdout()).get("replication");
    assertThat(status.get("state").asText()).isEqualTo("Running");
    assertThat(status.get("health").asText()).isEqualTo("Healthy");
    assertThat(status.get("rpoSeconds").asLong()).isNotNegative();

    // The page of a running workflow long-polls its history, so a headless browser waiting for
    // the network to settle never ends: the page is read once the replication is stopped.
    PackagedCli.Result stopped =
        PackagedCli.run(
            "replication",
            "web-01",
            "--vault",
            "contoso",
            "--stop",
            "--address",
            address,
            "--json");
    assertThat(stopped.exit()).as(stopped.stderr()).isZero();
    String runId =
        new ObjectMapper()
            .readTree(
                temporal(
                    "workflow",
                    "describe",
                    "--address",
                    address,
                    "--workflow-id",
                    "replication.contoso.web-01",
                    "--output",
                    "json"))
            .at("/workflowExecutionInfo/execution/runId")
            .asText();
    String metadata =
        "http://localhost:"
            + uiPort
            + "/namespaces/default/workflows/replication.contoso.web-01/"
            + runId
            + "/user-metadata";
    HeadlessChromium browser = new HeadlessChromium(dataDir);
    assertThat(browser.dom(metadata))
        .contains("Current Details")
        .contains("RPO")
        .contains("Stopped");
    browser.screenshot(metadata, SCREENSHOTS.resolve("replication-current-details.png"));
  }

  /**
   * What a person sees: the list filtered by VmName, the job's page with its activity summaries,
   * and its current details.
   */
  private void webUiShowsTheJob(String description) throws Exception {
    HeadlessChromium browser = new HeadlessChromium(dataDir);
    String ui = "http://localhost:" + uiPort + "/namespaces/default/workflows";
    String list = ui + "?query=" + URLEncoder.encode("VmName=\"web-01\"", StandardCharsets.UTF_8);
    assertThat(browser.dom(list)).contains("reprotect.contoso.web-01");
    browser.screenshot(list, SCREENSHOTS.resolve("workflows-by-vmname.png"));

    String runId =
        new ObjectMapper()
            .readTree(description)
            .at("/workflowExecutionInfo/execution/runId")
            .asText();
    String page = ui + "/reprotect.contoso.web-01/" + runId + "/history";
    assertThat(browser.dom(page))
        .contains("Turn off web-01 in eastasia")
        .contains("Initial sync of web-01-osdisk against its seed")
        .contains("Start delta replication of web-01 to eastasia");
    browser.screenshot(page, SCREENSHOTS.resolve("reprotect-job.png"));

    // The job's current details, which the workflow keeps at each step, end with its outcome.
    String metadata = ui + "/reprotect.contoso.web-01/" + runId + "/user-metadata";
    assertThat(browser.dom(metadata)).contains("Current Details").contains("Succeeded");
    browser.screenshot(metadata, SCREENSHOTS.resolve("reprotect-job-current-details.png"));
  }

  private String temporal(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = TemporalCli.find().orElseThrow().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Path out = Files.createTempFile("temporal", ".out");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
