package dev.reprotect.azure;

/** A guest's write load: megabytes per second on each disk, where it writes, and its seed. */
public record ChurnSpec(double megabytesPerSecondPerDisk, ChurnPattern pattern, long seed) {
  public ChurnSpec {
    if (!(megabytesPerSecondPerDisk > 0) || Double.isInfinite(megabytesPerSecondPerDisk)) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter, "the churn rate is a positive number of MB/s per disk");
    }
    if (pattern == null) {
      throw new AzureException(AzureErrorCode.InvalidParameter, "the churn needs a pattern");
    }
  }
}
