package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.worker.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `reprotect dev --detach` on free ports, its files in a dir: the Temporal dev server, the
 * simulated Azure service and a worker, as a person starts them.
 */
final class DetachedDev {
  final Path dataDir;
  final int port = Await.freePort();
  final int uiPort = Await.freePort();
  final int simPort = Await.freePort();

  private DetachedDev(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** Starts it and waits until all are ready; {@code worldOptions} shape its seeded world. */
  static DetachedDev start(Path dataDir, String... worldOptions)
      throws IOException, InterruptedException {
    DetachedDev dev = new DetachedDev(dataDir);
    List<String> args =
        new ArrayList<>(
            List.of(
                "dev",
                "--detach",
                "--data-dir",
                dataDir.toString(),
                "--port",
                Integer.toString(dev.port),
                "--ui-port",
                Integer.toString(dev.uiPort),
                "--sim-port",
                Integer.toString(dev.simPort)));
    args.addAll(List.of(worldOptions));
    PackagedCli.Result started = PackagedCli.run(args.toArray(String[]::new));
    assertThat(started.exit()).as(started.stdout() + started.stderr() + dev.log()).isZero();
    return dev;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  String azureUrl() {
    return "http://127.0.0.1:" + simPort;
  }

  /** The simulated Azure's token, which `dev` keeps in its dir. */
  String azureToken() throws IOException {
    return Files.readString(dataDir.resolve("azure.token")).trim();
  }

  void stop() throws IOException, InterruptedException {
    PackagedCli.Result stopped = PackagedCli.run("dev", "--stop", "--data-dir", dataDir.toString());
    assertThat(stopped.exit()).as(stopped.stderr()).isZero();
  }

  private String log() throws IOException {
    Path log = dataDir.resolve("dev.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
