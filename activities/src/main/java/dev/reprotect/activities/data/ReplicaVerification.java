package dev.reprotect.activities.data;

import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import io.temporal.failure.ApplicationFailure;

/**
 * Verification from the hashes storage recorded as it wrote each block: each side's recorded
 * checksum, asked of both at once, reads no data, so a cycle's cost follows what it changed and not
 * the disk's size. Those hashes are of the bytes really written where they live (the receiving
 * region hashes what arrived), so a block that arrived different, or that never arrived, shows. A
 * block damaged at rest after it was written does not: that is the scrub's, a full read off the hot
 * path. A mismatch is repaired once, by comparing the block hashes of both sides' bytes range by
 * range (the ranges with data on either side) and resending what differs; one that survives the
 * repair fails with {@link ReplicationErrorCode#ReplicaMismatch}, so equal checksums are never
 * reported when the recorded hashes differ.
 */
public final class ReplicaVerification {
  /** Both checksums, equal; the blocks the repair resent and the bytes it cost (0 when none). */
  public record Verified(
      String sourceChecksum, String replicaChecksum, long blocksRepaired, long meteredBytes) {}

  /** What the repair resent and what it cost so far. */
  private static final class Repair {
    long blocks;
    long meteredBytes;
  }

  private ReplicaVerification() {}

  /**
   * Verifies that {@code replica} holds the bytes of {@code source}, repairing it once. The repair
   * resends through {@code pace}, like the sync: batches that fit the heartbeat budget, each
   * followed by a heartbeat of {@code resumePoint} (where a retry picks up, this verification
   * included), and a refused heartbeat ends it before the next batch.
   */
  public static <P> Verified verify(
      AzureBackend azure,
      Caller caller,
      BlobRef source,
      BlobRef replica,
      String sourceRegion,
      int blocksPerRange,
      HeartbeatPace pace,
      P resumePoint) {
    BothSides.Answers<String> checksums =
        BothSides.atOnce(
            () -> azure.storage().recordedChecksum(caller, source),
            () -> azure.storage().recordedChecksum(caller, replica));
    String sourceChecksum = checksums.source();
    String replicaChecksum = checksums.replica();
    if (sourceChecksum.equals(replicaChecksum)) {
      return new Verified(sourceChecksum, replicaChecksum, 0, 0);
    }
    long totalBlocks =
        azure.storage().blob(source).orElseThrow().sizeBytes() / azure.storage().blockSize();
    Repair repair = new Repair();
    DataRanges data = DataRanges.allocatedOnEither(azure, caller, source, replica, 0, totalBlocks);
    for (long from = data.nextRange(0, blocksPerRange, totalBlocks);
        from < totalBlocks;
        from = data.nextRange(from + blocksPerRange, blocksPerRange, totalBlocks)) {
      long to = Math.min(from + blocksPerRange, totalBlocks);
      long start = from;
      RangeDiff diff =
          pace.whileReading(
              resumePoint,
              () -> RangeDiff.of(azure, caller, source, replica, start, to, sourceRegion));
      repair.meteredBytes += diff.meteredBytes();
      pace.sendRange(
          resumePoint,
          diff.differing(),
          to,
          (unchanged, batch, reached) -> {
            BlockTransfer resent = ReliableTransfer.send(azure, caller, source, replica, batch);
            repair.blocks += batch.size();
            repair.meteredBytes += resent.meteredBytes();
            return unchanged;
          });
    }
    String repairedChecksum = azure.storage().recordedChecksum(caller, replica);
    if (!repairedChecksum.equals(sourceChecksum)) {
      throw ApplicationFailure.newNonRetryableFailure(
          String.format(
              "replica %s still differs from %s after a repair that resent %d blocks: checksum %s, "
                  + "source %s",
              replica, source, repair.blocks, repairedChecksum, sourceChecksum),
          ReplicationErrorCode.ReplicaMismatch.name());
    }
    return new Verified(sourceChecksum, repairedChecksum, repair.blocks, repair.meteredBytes);
  }
}
