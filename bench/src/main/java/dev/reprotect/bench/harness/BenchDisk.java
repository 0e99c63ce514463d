package dev.reprotect.bench.harness;

/**
 * The one disk of a benchmark's VM: its size, the blocks written on it (spread evenly over it), and
 * how many of those the source rewrote since the failover. {@code seeded}: the stale target disk
 * holds the original blocks, so the sync sends only the changed ones; otherwise the target VM is
 * gone and the sync copies every written block.
 */
public record BenchDisk(long sizeBytes, long writtenBlocks, long changedBlocks, boolean seeded) {
  public BenchDisk {
    if (writtenBlocks < 0 || changedBlocks < 0 || changedBlocks > writtenBlocks) {
      throw new IllegalArgumentException("0 <= changed <= written blocks");
    }
  }

  /** The blocks whose bytes the replica must receive: the changed ones, or all for a full copy. */
  public long blocksToSend() {
    return seeded ? changedBlocks : writtenBlocks;
  }
}
