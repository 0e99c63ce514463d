package dev.reprotect.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.reprotect.worker.client.CommandFailure;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the Temporal service is and how to reach it, shared by every command that talks to one. The
 * settings follow the Temporal CLI's and SDKs' conventions (temporal-envconfig): a profile of
 * temporal.toml, then the TEMPORAL_* variables over it, then these flags over both.
 */
final class ConnectionOptions {
  static final String INVALID_CONFIG = "InvalidConnectionConfig";
  static final String DEFAULT_ADDRESS = "localhost:7233";
  static final String DEFAULT_NAMESPACE = "default";

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description =
          "Temporal frontend (default: the profile's address, $TEMPORAL_ADDRESS, or "
              + DEFAULT_ADDRESS
              + ").")
  String addressOption;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description =
          "Temporal namespace (default: the profile's, $TEMPORAL_NAMESPACE, or "
              + DEFAULT_NAMESPACE
              + ").")
  String namespaceOption;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Profile of the Temporal client config file (default: $TEMPORAL_PROFILE, "
              + "or 'default' when the file has one).")
  String profile;

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description =
          "Temporal client config file, TOML (default: $TEMPORAL_CONFIG_FILE, or "
              + "~/.config/temporalio/temporal.toml when it exists).")
  Path configFile;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "API key (Temporal Cloud); turns TLS on (default: the profile's, or "
              + "$TEMPORAL_API_KEY: prefer the variable, a flag shows in the process list).")
  String apiKey;

  @Option(
      names = "--tls-cert-path",
      paramLabel = "FILE",
      description =
          "mTLS client certificate, PEM (default: the profile's, or "
              + "$TEMPORAL_TLS_CLIENT_CERT_PATH).")
  Path tlsCertPath;

  @Option(
      names = "--tls-key-path",
      paramLabel = "FILE",
      description =
          "mTLS client key, PEM (default: the profile's, or " + "$TEMPORAL_TLS_CLIENT_KEY_PATH).")
  Path tlsKeyPath;

  @Option(
      names = "--tls-ca-path",
      paramLabel = "FILE",
      description =
          "CA certificate that signed the server's, PEM (default: the profile's, or "
              + "$TEMPORAL_TLS_SERVER_CA_CERT_PATH).")
  Path tlsCaPath;

  @Option(
      names = "--tls-server-name",
      paramLabel = "NAME",
      description =
          "Server name the server's certificate must carry (default: the profile's, "
              + "or $TEMPORAL_TLS_SERVER_NAME).")
  String tlsServerName;

  /** The process's environment; a test passes its own. */
  Map<String, String> environment = System.getenv();

  private ClientConfigProfile resolved;

  /**
   * Opens the connection. A setting that cannot work (a missing profile or certificate file, an
   * unreadable certificate) fails here, before anything is sent, with {@link #INVALID_CONFIG}.
   */
  WorkflowServiceStubs connect() {
    return WorkflowServiceStubs.newServiceStubs(serviceOptions());
  }

  WorkflowClient client(WorkflowServiceStubs service) {
    return WorkflowClient.newInstance(
        service, WorkflowClientOptions.newBuilder().setNamespace(namespace()).build());
  }

  /**
   * Whether a flag names the service or how to reach it. The demo runs on its embedded Temporal
   * unless one does: a TEMPORAL_* variable left in the shell does not move it.
   */
  boolean anyFlagGiven() {
    return addressOption != null
        || namespaceOption != null
        || profile != null
        || configFile != null
        || apiKey != null
        || tlsCertPath != null
        || tlsKeyPath != null
        || tlsCaPath != null
        || tlsServerName != null;
  }

  String address() {
    return Optional.ofNullable(profile().getAddress())
        .filter(a -> !a.isEmpty())
        .orElse(DEFAULT_ADDRESS);
  }

  String namespace() {
    return Optional.ofNullable(profile().getNamespace())
        .filter(n -> !n.isEmpty())
        .orElse(DEFAULT_NAMESPACE);
  }

  WorkflowServiceStubsOptions serviceOptions() {
    ClientConfigProfile settings = profile();
    requireReadable(settings, ClientConfigTLS::getClientCertPath, "TLS client certificate");
    requireReadable(settings, ClientConfigTLS::getClientKeyPath, "TLS client key");
    requireReadable(settings, ClientConfigTLS::getServerCACertPath, "TLS server CA certificate");
    WorkflowServiceStubsOptions options;
    try {
      options = settings.toWorkflowServiceStubsOptions();
    } catch (RuntimeException unusable) {
      Throwable cause = unusable.getCause() != null ? unusable.getCause() : unusable;
      throw new CommandFailure(
          INVALID_CONFIG, "the TLS settings cannot be used: " + cause.getMessage());
    }
    WorkflowServiceStubsOptions.Builder builder =
        WorkflowServiceStubsOptions.newBuilder(options).setTarget(address());
    if (settings.getTls() != null && Boolean.TRUE.equals(settings.getTls().isDisabled())) {
      // TEMPORAL_TLS=false (or the profile's tls.disabled) wins over an API key, as in the
      // Temporal CLI; the SDK would otherwise turn TLS on for the key.
      builder.setEnableHttps(false);
    }
    return builder.build();
  }

  private ClientConfigProfile profile() {
    if (resolved == null) {
      resolved = withFlags(loadProfile());
    }
    return resolved;
  }

  private ClientConfigProfile loadProfile() {
    if (configFile != null && !Files.isRegularFile(configFile)) {
      throw new CommandFailure(
          INVALID_CONFIG, "the Temporal config file " + configFile + " does not exist");
    }
    try {
      return ClientConfigProfile.load(
          LoadClientConfigProfileOptions.newBuilder()
              .setConfigFilePath(configFile == null ? null : configFile.toString())
              .setConfigFileProfile(profile)
              .setEnvOverrides(environment)
              .build());
    } catch (JsonProcessingException unparsable) {
      // Its own message only: the parser's full message may quote the file, an API key with it.
      throw new CommandFailure(
          INVALID_CONFIG,
          "cannot parse the Temporal client config: "
              + unparsable.getOriginalMessage()
              + Optional.ofNullable(unparsable.getLocation())
                  .map(at -> " (line " + at.getLineNr() + ")")
                  .orElse(""));
    } catch (IOException | RuntimeException unreadable) {
      throw new CommandFailure(
          INVALID_CONFIG, "cannot read the Temporal client config: " + unreadable.getMessage());
    }
  }

  private ClientConfigProfile withFlags(ClientConfigProfile loaded) {
    ClientConfigProfile.Builder profile = loaded.toBuilder();
    if (addressOption != null) {
      profile.setAddress(addressOption);
    }
    if (namespaceOption != null) {
      profile.setNamespace(namespaceOption);
    }
    if (apiKey != null) {
      profile.setApiKey(apiKey);
    }
    if (tlsCertPath != null || tlsKeyPath != null || tlsCaPath != null || tlsServerName != null) {
      ClientConfigTLS.Builder tls =
          loaded.getTls() == null ? ClientConfigTLS.newBuilder() : loaded.getTls().toBuilder();
      if (tlsCertPath != null) {
        tls.setClientCertPath(tlsCertPath.toString());
      }
      if (tlsKeyPath != null) {
        tls.setClientKeyPath(tlsKeyPath.toString());
      }
      if (tlsCaPath != null) {
        tls.setServerCACertPath(tlsCaPath.toString());
      }
      if (tlsServerName != null) {
        tls.setServerName(tlsServerName);
      }
      profile.setTls(tls.build());
    }
    return profile.build();
  }

  private static void requireReadable(
      ClientConfigProfile settings, Function<ClientConfigTLS, String> path, String what) {
    Optional.ofNullable(settings.getTls())
        .map(path)
        .filter(p -> !p.isEmpty())
        .filter(p -> !Files.isReadable(Path.of(p)) || !Files.isRegularFile(Path.of(p)))
        .ifPresent(
            p -> {
              throw new CommandFailure(
                  INVALID_CONFIG, "the " + what + " " + p + " is not a readable file");
            });
  }
}
