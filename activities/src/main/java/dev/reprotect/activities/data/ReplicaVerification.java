package dev.reprotect.activities.data;

import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import io.temporal.failure.ApplicationFailure;

/**
 * Verification from the bytes: each side's checksum is computed by reading its bytes where they
 * live, and the two are compared. A mismatch is repaired once, by comparing the block hashes of
 * both sides range by range and resending what differs; one that survives the repair fails with
 * {@link ReplicationErrorCode#ReplicaMismatch}, so equal checksums are never reported when the
 * bytes differ.
 */
public final class ReplicaVerification {
  /** Both checksums, equal; the blocks the repair resent and the bytes it cost (0 when none). */
  public record Verified(
      String sourceChecksum, String replicaChecksum, long blocksRepaired, long meteredBytes) {}

  private ReplicaVerification() {}

  /**
   * Verifies that {@code replica} holds the bytes of {@code source}, repairing it once.
   * {@code betweenRanges} runs after each range of the repair (a heartbeat: a safe point).
   */
  public static Verified verify(AzureBackend azure, Caller caller, BlobRef source,
      BlobRef replica, String sourceRegion, int blocksPerRange, Runnable betweenRanges) {
    String sourceChecksum = azure.storage().checksum(source);
    String replicaChecksum = azure.storage().checksum(replica);
    if (sourceChecksum.equals(replicaChecksum)) {
      return new Verified(sourceChecksum, replicaChecksum, 0, 0);
    }
    long totalBlocks = azure.storage().blob(source).orElseThrow().sizeBytes()
        / azure.storage().blockSize();
    long repaired = 0;
    long metered = 0;
    for (long from = 0; from < totalBlocks; from += blocksPerRange) {
      RangeDiff diff = RangeDiff.of(azure, caller, source, replica, from,
          Math.min(from + blocksPerRange, totalBlocks), sourceRegion);
      BlockTransfer resent = ReliableTransfer.send(azure, caller, source, replica, diff.differing());
      repaired += diff.differing().size();
      metered += diff.meteredBytes() + resent.meteredBytes();
      betweenRanges.run();
    }
    String repairedChecksum = azure.storage().checksum(replica);
    if (!repairedChecksum.equals(sourceChecksum)) {
      throw ApplicationFailure.newNonRetryableFailure(String.format(
          "replica %s still differs from %s after a repair that resent %d blocks: checksum %s, "
              + "source %s", replica, source, repaired, repairedChecksum, sourceChecksum),
          ReplicationErrorCode.ReplicaMismatch.name());
    }
    return new Verified(sourceChecksum, repairedChecksum, repaired, metered);
  }
}
