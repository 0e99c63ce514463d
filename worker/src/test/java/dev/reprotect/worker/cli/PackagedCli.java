package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged CLI, `java -jar target/reprotect.jar`, run as a process of its own. */
final class PackagedCli {
  private static final Path JAR = Paths.get("target", "reprotect.jar");

  /** A CLI process, its output captured in files. */
  record Running(Process process, Path stdout, Path stderr) {
    Result await() throws IOException, InterruptedException {
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the command ends").isTrue();
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    }
  }

  record Result(int exit, String stdout, String stderr) {}

  private PackagedCli() {}

  static Running start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  /** The same, with these variables added to the environment it inherits. */
  static Running start(Map<String, String> environment, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("reprotect-out", ".txt");
    Path err = Files.createTempFile("reprotect-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    return new Running(process, out, err);
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return start(args).await();
  }

  static Result run(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    return start(environment, args).await();
  }
}
