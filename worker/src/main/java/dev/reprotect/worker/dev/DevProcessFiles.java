package dev.reprotect.worker.dev;

import dev.reprotect.azure.service.AzureService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The files by which a detached `reprotect dev` is found again: its process id, a mark written once
 * everything is ready, its log, and the simulated Azure's token.
 */
public final class DevProcessFiles {
  private static final Duration STOP_WITHIN = Duration.ofSeconds(30);

  private final Path dir;

  public DevProcessFiles(Path dir) {
    this.dir = dir;
  }

  public Path log() {
    return dir.resolve("dev.log");
  }

  private Path pidFile() {
    return dir.resolve("dev.pid");
  }

  private Path readyFile() {
    return dir.resolve("dev.ready");
  }

  /** The simulated Azure's token: made once, kept with its world. */
  public String azureToken() throws IOException {
    Path file = dir.resolve("azure.token");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    String token = AzureService.newToken();
    Files.writeString(file, token);
    return token;
  }

  public void markReady() throws IOException {
    Files.writeString(readyFile(), Long.toString(ProcessHandle.current().pid()));
  }

  /**
   * Starts `reprotect` with {@code arguments} as a process of its own and waits until it marks
   * itself ready; false if it died or did not get ready in time (it is stopped then).
   */
  public boolean startDetached(List<String> arguments, Duration within, Runnable onReady)
      throws IOException, InterruptedException {
    Files.deleteIfExists(readyFile());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                selfJar().toString()));
    command.addAll(arguments);
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log().toFile())
            .start();
    Files.writeString(pidFile(), Long.toString(child.pid()));
    long deadline = System.nanoTime() + within.toNanos();
    while (!Files.exists(readyFile())) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        child.destroy();
        Files.deleteIfExists(pidFile());
        return false;
      }
      Thread.sleep(200);
    }
    onReady.run();
    return true;
  }

  /** Stops the detached process (its shutdown stops the server it started); false if none ran. */
  public boolean stopDetached() throws IOException, InterruptedException {
    if (!Files.exists(pidFile())) {
      return false;
    }
    Optional<ProcessHandle> running =
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()));
    Files.deleteIfExists(pidFile());
    Files.deleteIfExists(readyFile());
    if (running.isEmpty()) {
      return false;
    }
    ProcessHandle process = running.get();
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      process.onExit().get(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException stuck) {
      process.destroyForcibly();
    }
    // Whatever outlived it (the server, if the shutdown was cut short) goes too.
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return true;
  }

  private static Path selfJar() {
    try {
      Path location =
          Path.of(
              DevProcessFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.toString().endsWith(".jar")) {
        throw new IllegalStateException("--detach runs from the packaged jar (./reprotect)");
      }
      return location;
    } catch (URISyntaxException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
