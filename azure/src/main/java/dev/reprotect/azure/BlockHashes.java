package dev.reprotect.azure;

import java.util.List;

/**
 * The hashes of the allocated blocks of a blob in [fromBlock, toBlock), computed in the blob's
 * region, and the bytes that delivering them to the caller's region cost.
 */
public record BlockHashes(
    long fromBlock, long toBlock, List<BlockHash> entries, long meteredBytes) {
  public BlockHashes {
    entries = List.copyOf(entries);
  }
}
