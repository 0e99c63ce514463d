package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.worker.client.CommandFailure;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The connection settings by the Temporal conventions: a profile of the config file, the TEMPORAL_*
 * variables over it, the flags over both.
 */
class ConnectionOptionsTest {
  @TempDir Path dir;

  /** The options as parsed, in this environment (and no config file unless it names one). */
  private ConnectionOptions parse(Map<String, String> environment, String... args) {
    ConnectionOptions options = new ConnectionOptions();
    new CommandLine(options).parseArgs(args);
    Map<String, String> isolated = new HashMap<>(environment);
    isolated.putIfAbsent("TEMPORAL_CONFIG_FILE", dir.resolve("absent.toml").toString());
    options.environment = isolated;
    return options;
  }

  private Path configFile() throws IOException {
    return Files.writeString(
        dir.resolve("temporal.toml"),
        """
        [profile.default]
        address = "localhost:7233"

        [profile.staging]
        address = "temporal.staging.example:7233"
        namespace = "dr-staging"
        """);
  }

  @Test
  void withNothingSetItIsTheLocalDevServerAndTheDefaultNamespace() {
    ConnectionOptions defaults = parse(Map.of());
    assertThat(defaults.address()).isEqualTo("localhost:7233");
    assertThat(defaults.namespace()).isEqualTo("default");
    assertThat(defaults.serviceOptions().getEnableHttps()).isFalse();
  }

  @Test
  void aProfileOfTheConfigFileSelectsAddressAndNamespace() throws IOException {
    String file = configFile().toString();

    ConnectionOptions byFlag = parse(Map.of(), "--config-file", file, "--profile", "staging");
    assertThat(byFlag.address()).isEqualTo("temporal.staging.example:7233");
    assertThat(byFlag.namespace()).isEqualTo("dr-staging");
    assertThat(byFlag.serviceOptions().getTarget()).isEqualTo("temporal.staging.example:7233");

    ConnectionOptions byEnvironment =
        parse(Map.of("TEMPORAL_CONFIG_FILE", file, "TEMPORAL_PROFILE", "staging"));
    assertThat(byEnvironment.address()).isEqualTo("temporal.staging.example:7233");
    assertThat(byEnvironment.namespace()).isEqualTo("dr-staging");
  }

  @Test
  void theVariablesOverrideTheProfileAndTheFlagsOverrideBoth() throws IOException {
    Map<String, String> environment =
        Map.of(
            "TEMPORAL_CONFIG_FILE",
            configFile().toString(),
            "TEMPORAL_PROFILE",
            "staging",
            "TEMPORAL_NAMESPACE",
            "from-env",
            "TEMPORAL_ADDRESS",
            "env.example:7233");

    ConnectionOptions environmentOnly = parse(environment);
    assertThat(environmentOnly.address()).isEqualTo("env.example:7233");
    assertThat(environmentOnly.namespace()).isEqualTo("from-env");

    ConnectionOptions flags =
        parse(environment, "--address", "flag.example:7233", "--namespace", "from-flag");
    assertThat(flags.address()).isEqualTo("flag.example:7233");
    assertThat(flags.namespace()).isEqualTo("from-flag");
  }

  @Test
  void aConfigFileNamedButMissingIsAClearError() {
    ConnectionOptions options =
        parse(Map.of(), "--config-file", dir.resolve("none.toml").toString());
    assertThatThrownBy(options::address)
        .isInstanceOfSatisfying(
            CommandFailure.class,
            failure -> {
              assertThat(failure.error().code()).isEqualTo("InvalidConnectionConfig");
              assertThat(failure.getMessage())
                  .isEqualTo(
                      "the Temporal config file " + dir.resolve("none.toml") + " does not exist");
            });
  }

  @Test
  void anUnknownProfileIsAClearError() throws IOException {
    ConnectionOptions options =
        parse(Map.of(), "--config-file", configFile().toString(), "--profile", "prod");
    assertThatThrownBy(options::address)
        .isInstanceOfSatisfying(
            CommandFailure.class,
            failure -> {
              assertThat(failure.error().code()).isEqualTo("InvalidConnectionConfig");
              assertThat(failure.getMessage()).contains("prod");
            });
  }

  @Test
  void anApiKeyEnablesTls() {
    WorkflowServiceStubsOptions fromEnvironment =
        parse(
                Map.of(
                    "TEMPORAL_ADDRESS",
                    "ns.a1b2c.tmprl.cloud:7233",
                    "TEMPORAL_API_KEY",
                    "key-from-env"))
            .serviceOptions();
    assertThat(fromEnvironment.getEnableHttps()).isTrue();
    assertThat(fromEnvironment.getGrpcMetadataProviders()).isNotEmpty();

    assertThat(parse(Map.of(), "--api-key", "key-from-flag").serviceOptions().getEnableHttps())
        .isTrue();
  }

  @Test
  void tlsTurnedOffExplicitlyStaysOffWithAnApiKey() {
    WorkflowServiceStubsOptions plaintext =
        parse(Map.of("TEMPORAL_API_KEY", "key", "TEMPORAL_TLS", "false")).serviceOptions();
    assertThat(plaintext.getEnableHttps()).isFalse();
    assertThat(plaintext.getGrpcMetadataProviders()).as("the key is still sent").isNotEmpty();
  }

  @Test
  void aBadCertificatePathIsAClearErrorAtStart() throws IOException {
    ConnectionOptions missing =
        parse(
            Map.of(
                "TEMPORAL_TLS_CLIENT_CERT_PATH",
                dir.resolve("client.pem").toString(),
                "TEMPORAL_TLS_CLIENT_KEY_PATH",
                dir.resolve("client.key").toString()));
    assertThatThrownBy(missing::connect)
        .isInstanceOfSatisfying(
            CommandFailure.class,
            failure -> {
              assertThat(failure.error().code()).isEqualTo("InvalidConnectionConfig");
              assertThat(failure.getMessage())
                  .isEqualTo(
                      "the TLS client certificate "
                          + dir.resolve("client.pem")
                          + " is not a readable file");
            });

    Path notACertificate = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    ConnectionOptions unreadable = parse(Map.of(), "--tls-ca-path", notACertificate.toString());
    assertThatThrownBy(unreadable::connect)
        .isInstanceOfSatisfying(
            CommandFailure.class,
            failure -> {
              assertThat(failure.error().code()).isEqualTo("InvalidConnectionConfig");
              assertThat(failure.getMessage()).startsWith("the TLS settings cannot be used: ");
            });
  }

  @Test
  void theWorkerStopsAtStartOnABadCertificatePathWithItsCodeNotAStackTrace() {
    CliRun run = CliRun.of("worker", "--tls-cert-path", dir.resolve("missing.pem").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.stderr())
        .isEqualTo(
            "error InvalidConnectionConfig: the TLS client certificate "
                + dir.resolve("missing.pem")
                + " is not a readable file"
                + System.lineSeparator());
  }

  @Test
  void aClientCommandReportsABadCertificatePathWithItsCode() {
    CliRun run =
        CliRun.of(
            "status",
            "web-01",
            "--vault",
            "contoso",
            "--json",
            "--tls-cert-path",
            dir.resolve("missing.pem").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.json().get("error").get("code").asText()).isEqualTo("InvalidConnectionConfig");
    assertThat(run.json().get("error").get("message").asText()).contains("missing.pem");
  }
}
