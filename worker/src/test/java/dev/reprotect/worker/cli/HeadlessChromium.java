package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as a person's browser: it runs a page's scripts, then gives the DOM
 * they built or a screenshot. Started with a fresh profile and no background networking (this
 * machine's network is closed).
 */
final class HeadlessChromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");

  /** Virtual time the page's scripts get to fetch and render before the DOM is taken. */
  private static final String SCRIPT_TIME_MS = "20000";

  private final Path profiles;

  HeadlessChromium(Path profiles) {
    assertThat(BINARY)
        .as(
            "Chromium is installed (./mvnw verify installs it before the integration tests: scripts/ensure-test-tools)")
        .isExecutable();
    this.profiles = profiles;
  }

  /** The DOM of a page once its scripts have run. */
  String dom(String url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url));
  }

  /** Saves a screenshot of a page once its scripts have run. */
  void screenshot(String url, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    run(List.of("--window-size=1400,1000", "--screenshot=" + png.toAbsolutePath(), url));
    assertThat(png).as("the screenshot").exists().isNotEmptyFile();
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "profile"),
                "--virtual-time-budget=" + SCRIPT_TIME_MS));
    command.addAll(args);
    Path out = Files.createTempFile(profiles, "chromium", ".out");
    Process chromium =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(chromium.waitFor(2, TimeUnit.MINUTES)).as("Chromium ends").isTrue();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
