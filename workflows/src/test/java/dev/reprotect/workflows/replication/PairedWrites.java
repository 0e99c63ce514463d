package dev.reprotect.workflows.replication;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.StorageApi;

/**
 * A guest that writes in pairs: pair {@code i} writes block {@code i} of disk A, then the block
 * {@code i} from the end of disk B, both with the pattern of {@code i} (so a disk tells which pairs
 * it holds). Block {@code i} of A is synced early and B's late, so a sync of the live disks would
 * catch B's half of a pair written in between without A's. A pair may be left half-written (A only)
 * until the next write, to put a cut between its two halves.
 */
final class PairedWrites {
  private final EndToEnd e2e;
  private final String diskA;
  private final String diskB;
  private final int maxPairs;
  private int written;
  private Integer halfWritten;

  PairedWrites(EndToEnd e2e, String diskA, String diskB, int maxPairs) {
    this.e2e = e2e;
    this.diskA = diskA;
    this.diskB = diskB;
    this.maxPairs = maxPairs;
  }

  /** Completes a half-written pair, then writes a whole one. */
  synchronized void pair() {
    completeHalf();
    if (written < maxPairs) {
      e2e.write(diskA, blockA(written), pattern(written));
      e2e.write(diskB, blockB(written), pattern(written));
      written++;
    }
  }

  /** Completes a half-written pair, then writes the A half of the next one. */
  synchronized void halfPair() {
    completeHalf();
    if (written < maxPairs) {
      e2e.write(diskA, blockA(written), pattern(written));
      halfWritten = written++;
    }
  }

  /** The pairs started so far: 0 to this, exclusive. */
  synchronized int started() {
    return written;
  }

  boolean aHolds(StorageApi storage, BlobRef disk, int pair) {
    return DiskBytes.holds(storage, disk, blockA(pair), pattern(pair));
  }

  boolean bHolds(StorageApi storage, BlobRef disk, int pair) {
    return DiskBytes.holds(storage, disk, blockB(pair), pattern(pair));
  }

  private void completeHalf() {
    if (halfWritten != null) {
      e2e.write(diskB, blockB(halfWritten), pattern(halfWritten));
      halfWritten = null;
    }
  }

  private long blockA(int pair) {
    return pair;
  }

  private long blockB(int pair) {
    return e2e.storage.blob(e2e.sourceDisk(diskB)).orElseThrow().sizeBytes() / e2e.blockSize()
        - 1
        - pair;
  }

  private byte[] pattern(int pair) {
    return DiskBytes.pattern(e2e.blockSize(), 100 + pair);
  }
}
