package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker/: no container engine runs on the build machines, so the compose file is validated by
 * docker-compose (`config`, which reads, interpolates and checks it without running anything) and
 * the Dockerfile is linted by hadolint. Both tools are set up before the integration tests
 * (scripts/ensure-test-tools); a missing one fails the test, saying so.
 */
class DockerFilesIT {
  private static final Path DOCKER = Path.of("..", "docker");
  private static final Path COMPOSE = DOCKER.resolve("compose.yaml");
  private static final Map<String, String> WITH_TOKEN = Map.of("REPROTECT_AZURE_TOKEN", "s3cret");

  record Result(int exit, String stdout, String stderr) {}

  private static Path tool(String name, Path... alsoAt) {
    Stream<Path> onThePath =
        Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, name));
    Optional<Path> found =
        Stream.concat(Stream.of(alsoAt), onThePath).filter(Files::isExecutable).findFirst();
    return found.orElseThrow(
        () ->
            new AssertionError(
                name
                    + " is missing: ./mvnw verify sets "
                    + "it up before the integration tests (scripts/ensure-test-tools); run that script"));
  }

  private static Result run(Map<String, String> environment, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("REPROTECT_AZURE_TOKEN");
    builder.environment().putAll(environment);
    Path out = Files.createTempFile("docker-files-out", ".txt");
    Path err = Files.createTempFile("docker-files-err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(command + " ends").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Result compose(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(tool("docker-compose").toString(), "-f", COMPOSE.toString()));
    command.addAll(List.of(args));
    return run(environment, command);
  }

  @Test
  void theComposeFileIsValidAndRunsTemporalItsUiTheSimAndTwoWorkers() throws Exception {
    Result config = compose(WITH_TOKEN, "config");
    assertThat(config.exit()).as(config.stderr()).isZero();
    assertThat(compose(WITH_TOKEN, "config", "--services").stdout().lines())
        .containsExactlyInAnyOrder(
            "postgresql",
            "temporal-schema",
            "temporal",
            "temporal-namespace",
            "temporal-ui",
            "sim",
            "worker");
    assertThat(compose(WITH_TOKEN, "config", "--volumes").stdout().lines())
        .containsExactlyInAnyOrder("temporal-db", "azure-world");
    assertThat(config.stdout())
        .contains(
            "replicas: 2",
            "image: temporalio/server:",
            "image: temporalio/admin-tools:",
            "image: temporalio/ui:",
            "image: postgres:",
            "azure-world:/var/lib/reprotect/azure");
  }

  @Test
  void withoutATokenOfItsOwnTheComposeFileRefusesToStart() throws Exception {
    Result config = compose(Map.of(), "config");
    assertThat(config.exit()).isNotZero();
    assertThat(config.stderr()).contains("set REPROTECT_AZURE_TOKEN to a secret of your own");
  }

  /** One service's lines in the compose file: from its name to the next service's. */
  private static String service(String compose, String name) {
    Matcher block =
        Pattern.compile("(?ms)^  " + name + ":\\n(.*?)(?=^  \\S|^\\S|\\z)").matcher(compose);
    assertThat(block.find()).as("service " + name).isTrue();
    return block.group(1);
  }

  @Test
  void theSimAndTheWorkersAreConfiguredByVariablesTheirCommandsRead() throws Exception {
    String compose = Files.readString(COMPOSE);
    for (String command : List.of("sim", "worker")) {
      String block = service(compose, command);
      assertThat(block)
          .as("no flags: the environment alone")
          .contains("command: [\"" + command + "\"]\n");
      List<String> variables =
          Pattern.compile("(?m)^\\s+((?:REPROTECT|TEMPORAL)_\\w+):")
              .matcher(block)
              .results()
              .map(match -> match.group(1))
              .toList();
      assertThat(variables).isNotEmpty();
      String help = CliRun.of(command, "--help").stdout();
      assertThat(variables)
          .as("each documented in `reprotect %s --help`", command)
          .allSatisfy(variable -> assertThat(help).contains("$" + variable));
    }
  }

  @Test
  void theDockerfileLintsClean() throws Exception {
    Path hadolint =
        tool(
            "hadolint",
            Path.of(
                System.getProperty("user.home"),
                ".cache",
                "reprotect",
                "hadolint",
                "bin",
                "hadolint"));
    Result lint =
        run(Map.of(), List.of(hadolint.toString(), DOCKER.resolve("Dockerfile").toString()));
    assertThat(lint.exit()).as(lint.stdout() + lint.stderr()).isZero();
  }
}
