package dev.reprotect.bench.harness;

import java.util.Locale;

/**
 * One figure of the quick benchmark with its goal: {@code goal} as a reader says it ("<= 1.05"),
 * {@code pass} whether the value meets it.
 */
public record Counter(double value, String goal, boolean pass) {
  /** A figure that must not exceed {@code ceiling}. */
  public static Counter atMost(double value, double ceiling) {
    return new Counter(value, String.format(Locale.ROOT, "<= %s", ceiling), value <= ceiling);
  }

  /** A figure that must reach {@code floor}. */
  public static Counter atLeast(double value, double floor) {
    return new Counter(value, String.format(Locale.ROOT, ">= %s", floor), value >= floor);
  }
}
