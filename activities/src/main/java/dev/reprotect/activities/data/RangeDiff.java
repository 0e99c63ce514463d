package dev.reprotect.activities.data;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockHashes;
import dev.reprotect.azure.Caller;
import java.util.List;

/**
 * The blocks of a range that differ between a source and its replica. Each side's hashes are
 * computed from its bytes where they live, both at once; the replica's are all that crosses to the
 * source region, where the two lists are compared. {@code blocksHashed} counts the blocks whose
 * bytes were read and hashed, on both sides.
 */
public record RangeDiff(List<Long> differing, long meteredBytes, long blocksHashed) {
  public RangeDiff {
    differing = List.copyOf(differing);
  }

  /** The caller is metered for the hash lists that cross. */
  public static RangeDiff of(
      AzureBackend azure,
      Caller caller,
      BlobRef source,
      BlobRef replica,
      long fromBlock,
      long toBlock,
      String sourceRegion) {
    BothSides.Answers<BlockHashes> hashes =
        BothSides.atOnce(
            () -> azure.storage().blockHashes(caller, source, fromBlock, toBlock, sourceRegion),
            () -> azure.storage().blockHashes(caller, replica, fromBlock, toBlock, sourceRegion));
    return new RangeDiff(
        BlockDiff.differingBlocks(hashes.source(), hashes.replica()),
        hashes.source().meteredBytes() + hashes.replica().meteredBytes(),
        hashes.source().entries().size() + hashes.replica().entries().size());
  }
}
