package dev.reprotect.activities.data;

import dev.reprotect.activities.Futures;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockHashes;
import dev.reprotect.azure.Caller;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The blocks of a range that differ between a source and its replica. Each side's hashes are
 * computed from its bytes where they live; the replica's are all that crosses to the source
 * region, where the two lists are compared.
 */
public record RangeDiff(List<Long> differing, long meteredBytes) {
  /**
   * Asks for the replica's hashes while the source's are computed: each side reads its own
   * disk, so asking one after the other doubled the time of every range (bench/RESULTS.md).
   */
  private static final ExecutorService REPLICA_SIDE = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "range-diff-replica-hashes");
    thread.setDaemon(true);
    return thread;
  });

  public RangeDiff {
    differing = List.copyOf(differing);
  }

  /** The caller is metered for the hash lists that cross. */
  public static RangeDiff of(AzureBackend azure, Caller caller, BlobRef source, BlobRef replica,
      long fromBlock, long toBlock, String sourceRegion) {
    CompletableFuture<BlockHashes> replicaSide = CompletableFuture.supplyAsync(() ->
        azure.storage().blockHashes(caller, replica, fromBlock, toBlock, sourceRegion),
        REPLICA_SIDE);
    BlockHashes sourceHashes;
    try {
      sourceHashes = azure.storage().blockHashes(caller, source, fromBlock, toBlock, sourceRegion);
    } catch (RuntimeException e) {
      replicaSide.cancel(true);
      throw e;
    }
    BlockHashes replicaHashes = Futures.join(replicaSide);
    return new RangeDiff(BlockDiff.differingBlocks(sourceHashes, replicaHashes),
        sourceHashes.meteredBytes() + replicaHashes.meteredBytes());
  }
}
