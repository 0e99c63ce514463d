package dev.reprotect.bench.harness;

/**
 * One reprotect's initial sync of one disk against the plain copy of its allocated bytes. {@code
 * changedBytes} is what the replica had to receive: the blocks rewritten since the failover, or
 * every written block for a full copy. {@code bytesSent} is what the sync had metered across
 * regions, hash lists and verification included.
 */
public record SyncMeasurement(
    BenchDisk disk, long changedBytes, long bytesSent, long syncNanos, long plainCopyNanos) {

  public double syncOverPlainCopy() {
    return (double) syncNanos / plainCopyNanos;
  }

  public double sentOverChanged() {
    return (double) bytesSent / changedBytes;
  }
}
