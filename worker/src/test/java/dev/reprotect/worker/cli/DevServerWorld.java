package dev.reprotect.worker.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A Temporal dev server, a `reprotect sim` service and a worker against them, each a process of its
 * own, as in production: one can be killed without the others.
 */
final class DevServerWorld {
  final TemporalDevServer temporal;
  final SimProcess sim;
  private PackagedCli.Running worker;

  private DevServerWorld(TemporalDevServer temporal, SimProcess sim) {
    this.temporal = temporal;
    this.sim = sim;
  }

  /** Starts the three, their files in {@code dir}, the service's world as {@code worldAndPace}. */
  static DevServerWorld start(Path dir, List<String> worldAndPace)
      throws IOException, InterruptedException {
    DevServerWorld world =
        new DevServerWorld(
            new TemporalDevServer(dir.resolve("temporal.db")).start(),
            new SimProcess(dir.resolve("azure"), worldAndPace).start());
    world.startWorker();
    return world;
  }

  void startWorker() throws IOException {
    worker =
        PackagedCli.start(
            "worker",
            "--address",
            temporal.address(),
            "--azure-url",
            sim.url(),
            "--azure-token",
            SimProcess.TOKEN);
  }

  void killWorker() throws InterruptedException {
    worker.process().destroyForcibly().waitFor();
  }

  /** Runs a client command of the CLI against the dev server. */
  PackagedCli.Result cli(String... args) throws IOException, InterruptedException {
    String[] withAddress = Arrays.copyOf(args, args.length + 2);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = temporal.address();
    return PackagedCli.run(withAddress);
  }

  void stop() throws InterruptedException {
    worker.process().destroy();
    sim.stop();
    temporal.stop();
  }
}
