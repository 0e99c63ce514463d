package dev.reprotect.worker.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the Temporal CLI (and with it the dev server and its Web UI) is on this machine. */
public final class TemporalCli {
  /** The version `scripts/ensure-temporal-cli` builds and caches. */
  static final String VERSION = "v1.5.1";

  private TemporalCli() {}

  /** $TEMPORAL_CLI, else the script's cache, else `temporal` on the PATH. */
  public static Optional<Path> find() {
    String explicit = System.getenv("TEMPORAL_CLI");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    }
    String cacheHome =
        Optional.ofNullable(System.getenv("REPROTECT_CACHE"))
            .orElse(
                Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
                        .orElse(System.getProperty("user.home") + "/.cache")
                    + "/reprotect");
    Path cached = Path.of(cacheHome, "temporal-cli", VERSION, "temporal");
    if (Files.isExecutable(cached)) {
      return Optional.of(cached);
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(dir -> Path.of(dir, "temporal"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  public static String missingMessage() {
    return "the Temporal CLI was not found ($TEMPORAL_CLI, the cache of "
        + "scripts/ensure-temporal-cli, or `temporal` on the PATH): run scripts/ensure-temporal-cli";
  }
}
