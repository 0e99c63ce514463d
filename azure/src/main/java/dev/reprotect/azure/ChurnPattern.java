package dev.reprotect.azure;

/** Where a guest's churn writes: anywhere, or mostly (80%) into a hot tenth of each disk. */
public enum ChurnPattern {
  Random,
  HotSpot
}
