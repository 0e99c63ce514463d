package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.fail;

import dev.reprotect.worker.Await;
import dev.reprotect.worker.dev.TemporalCli;
import dev.reprotect.workflows.SearchAttributeDefinitions;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Temporal CLI's dev server as a process of its own, on a database file that outlives it. */
final class TemporalDevServer {
  private final Path databaseFile;
  private final int port = Await.freePort();
  private Process process;
  private WorkflowServiceStubs service;

  TemporalDevServer(Path databaseFile) {
    this.databaseFile = databaseFile;
  }

  /**
   * The Temporal CLI that the build's pre-integration-test phase ensured
   * (scripts/ensure-test-tools).
   */
  static Path cli() {
    return TemporalCli.find()
        .orElseThrow(
            () ->
                new AssertionError(
                    TemporalCli.missingMessage()
                        + " (./mvnw verify does it before the integration tests: scripts/ensure-test-tools)"));
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Starts (or restarts, on the same database) the server and waits until it answers. */
  TemporalDevServer start() throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                cli().toString(),
                "server",
                "start-dev",
                "--db-filename",
                databaseFile.toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--headless",
                "--log-level",
                "error"));
    SearchAttributeDefinitions.all()
        .forEach(
            (name, type) ->
                command.addAll(
                    List.of(
                        "--search-attribute",
                        name + "=" + SearchAttributeDefinitions.cliType(type))));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(databaseFile.resolveSibling("temporal.log").toFile())
            .start();
    if (service == null) {
      service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    }
    Await.until(
        "the dev server answers",
        () -> {
          if (!process.isAlive()) {
            fail("the dev server exited; see " + databaseFile.resolveSibling("temporal.log"));
          }
          try {
            service.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return true;
          } catch (RuntimeException notYet) {
            return false;
          }
        });
    return this;
  }

  WorkflowClient client() {
    return WorkflowClient.newInstance(service);
  }

  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  void stop() throws InterruptedException {
    service.shutdownNow();
    process.destroy();
    process.waitFor();
  }
}
