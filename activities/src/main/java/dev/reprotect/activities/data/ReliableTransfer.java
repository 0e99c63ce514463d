package dev.reprotect.activities.data;

import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Moves blocks and makes sure they arrived as sent: the receiving region hashes what it got, and
 * the blocks it received corrupted are sent again, for a bounded number of rounds.
 */
public final class ReliableTransfer {
  /** How often the blocks that arrived corrupted are sent again before the attempt fails. */
  public static final int RESEND_ROUNDS = 3;

  private ReliableTransfer() {}

  /**
   * Makes {@code blocks} of {@code to} equal to those of {@code from}. Resent bytes count in the
   * metered bytes; a block counts as copied once, when it arrived whole (the receiver keeps no
   * corrupted block); the result lists no corrupted block.
   */
  public static BlockTransfer send(
      AzureBackend azure, Caller caller, BlobRef from, BlobRef to, List<Long> blocks) {
    if (blocks.isEmpty()) {
      return BlockTransfer.none();
    }
    BlockTransfer first = azure.storage().transferBlocks(caller, from, to, blocks);
    long copied = first.blocksCopied();
    long metered = first.meteredBytes();
    List<Long> corrupted = first.corruptedBlocks();
    for (int round = 1; !corrupted.isEmpty(); round++) {
      if (round > RESEND_ROUNDS) {
        // Retryable: the next attempt resumes where the heartbeat left and sends what differs.
        throw ApplicationFailure.newFailure(
            corrupted.size()
                + " blocks of "
                + to
                + " still arrived corrupted after "
                + RESEND_ROUNDS
                + " resends",
            ReplicationErrorCode.CorruptedTransfer.name());
      }
      BlockTransfer again = azure.storage().transferBlocks(caller, from, to, corrupted);
      copied += again.blocksCopied();
      metered += again.meteredBytes();
      corrupted = again.corruptedBlocks();
    }
    return new BlockTransfer(copied, first.blocksCleared(), metered, List.of());
  }
}
