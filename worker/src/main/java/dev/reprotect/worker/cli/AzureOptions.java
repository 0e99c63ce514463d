package dev.reprotect.worker.cli;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.http.HttpAzureBackend;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which Azure the worker's activities talk to: the in-process simulator, or a service. */
final class AzureOptions {
  @Option(
      names = "--azure-url",
      paramLabel = "URL",
      defaultValue = "${env:REPROTECT_AZURE_URL}",
      description =
          "Use the simulated Azure service at this URL (as `reprotect sim` prints it) "
              + "instead of an in-process simulator (default: $REPROTECT_AZURE_URL).")
  URI url;

  @Option(
      names = "--azure-token",
      paramLabel = "TOKEN",
      defaultValue = "${env:REPROTECT_AZURE_TOKEN}",
      description = "Bearer token of that service (default: $REPROTECT_AZURE_TOKEN).")
  String token;

  /** The service's backend, when one was named. */
  Optional<AzureBackend> service() {
    if (url == null) {
      return Optional.empty();
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "--azure-url needs --azure-token (or $REPROTECT_AZURE_TOKEN)");
    }
    return Optional.of(new HttpAzureBackend(url, token));
  }
}
