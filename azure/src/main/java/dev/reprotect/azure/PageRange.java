package dev.reprotect.azure;

/** A run of consecutive blocks of a page blob: [firstBlock, firstBlock + blockCount). */
public record PageRange(long firstBlock, long blockCount) {
  public PageRange {
    if (firstBlock < 0 || blockCount <= 0) {
      throw new IllegalArgumentException(
          "a page range starts at a block of 0 or more and holds at least one: "
              + firstBlock
              + "+"
              + blockCount);
    }
  }

  /** The block just past the range. */
  public long endBlock() {
    return firstBlock + blockCount;
  }
}
