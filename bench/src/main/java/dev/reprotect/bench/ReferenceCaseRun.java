package dev.reprotect.bench;

import dev.reprotect.bench.harness.ReferenceCase;
import java.time.Duration;
import java.util.Locale;

/**
 * Item 5: the reference product's reprotect (1 TB disk, 127 GB used, 45 GB changed, 60 MB/s)
 * through the simulator's latency model, sped up; args: time scale (default 0.01) and data scale
 * (default 1000).
 */
public final class ReferenceCaseRun {
  private ReferenceCaseRun() {}

  public static void main(String[] args) {
    double timeScale = args.length > 0 ? Double.parseDouble(args[0]) : 0.01;
    long dataScale = args.length > 1 ? Long.parseLong(args[1]) : 1000;
    System.out.println(
        "time scale " + timeScale + ", data scale 1/" + dataScale + ", " + Machine.load());
    ReferenceCase.Modelled result = ReferenceCase.run(timeScale, dataScale);
    System.out.println("disk: " + result.disk());
    System.out.println("| activity | modelled time |");
    System.out.println("|---|---|");
    result
        .byActivity()
        .forEach(
            (type, time) -> System.out.printf(Locale.ROOT, "| %s | %s |%n", type, minutes(time)));
    System.out.printf(Locale.ROOT, "| **the job** | **%s** |%n", minutes(result.job()));
    System.out.println(Machine.load());
  }

  private static String minutes(Duration time) {
    return String.format(Locale.ROOT, "%.1f min", time.toMillis() / 60000.0);
  }
}
