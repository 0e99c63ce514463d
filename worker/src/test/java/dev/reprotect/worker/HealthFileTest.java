package dev.reprotect.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The health file a container's health check reads: written while healthy, only then. */
class HealthFileTest {
  @TempDir Path dir;

  private HealthFile named(Path file) {
    HealthFile health = new HealthFile();
    new CommandLine(health).parseArgs("--health-file", file.toString());
    return health;
  }

  @Test
  @SuppressWarnings("try") // the signal is only held open, as the commands hold it
  void aHealthyProcessWritesTheFileAndRemovesItWhenItStops() {
    Path file = dir.resolve("health");
    try (HealthFile.Signal signal = named(file).start(() -> true)) {
      Await.until("the file is written", () -> Files.exists(file));
    }
    assertThat(file).doesNotExist();
  }

  @Test
  @SuppressWarnings("try") // the signal is only held open, as the commands hold it
  void anUnhealthyProcessLeavesNoFile() throws InterruptedException {
    Path file = dir.resolve("health");
    CountDownLatch asked = new CountDownLatch(1);
    try (HealthFile.Signal signal =
        named(file)
            .start(
                () -> {
                  asked.countDown();
                  return false;
                })) {
      asked.await();
      assertThat(file).doesNotExist();
    }
  }
}
