package dev.reprotect.azure.sim;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.PageBlob;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A page blob's metadata: its size and the hash of each allocated block, by block index. Once in
 * the world's blob table, every change is recorded in the world's journal.
 */
final class BlobData {
  final BlobRef ref;
  final String region;
  private long sizeBytes;
  private final TreeMap<Long, String> blocks;
  private Journal journal = Journal.none();
  private String key;

  BlobData(BlobRef ref, String region, long sizeBytes, TreeMap<Long, String> blocks) {
    this.ref = ref;
    this.region = region;
    this.sizeBytes = sizeBytes;
    this.blocks = blocks;
  }

  void attach(Journal journal, String key) {
    this.journal = journal;
    this.key = key;
  }

  long sizeBytes() {
    return sizeBytes;
  }

  String hash(long index) {
    return blocks.get(index);
  }

  int blockCount() {
    return blocks.size();
  }

  /** The allocated blocks, read-only. */
  NavigableMap<Long, String> blocks() {
    return Collections.unmodifiableNavigableMap(blocks);
  }

  /**
   * The blocks in [fromBlock, toBlock) allocated in either block map whose names differ there: a
   * block's name in a region's store is the hash of its bytes, so equal names hold equal data.
   */
  static TreeSet<Long> differingBlocks(
      NavigableMap<Long, String> now,
      NavigableMap<Long, String> before,
      long fromBlock,
      long toBlock) {
    TreeSet<Long> differing = new TreeSet<>();
    if (fromBlock < toBlock) {
      differing.addAll(now.subMap(fromBlock, true, toBlock, false).keySet());
      differing.addAll(before.subMap(fromBlock, true, toBlock, false).keySet());
    }
    differing.removeIf(index -> Objects.equals(now.get(index), before.get(index)));
    return differing;
  }

  TreeMap<Long, String> copyOfBlocks() {
    return new TreeMap<>(blocks);
  }

  boolean sameContentAs(BlobData other) {
    return sizeBytes == other.sizeBytes && blocks.equals(other.blocks);
  }

  /** Sets a block's hash, or clears the block when {@code hash} is null; true if it changed. */
  boolean setBlock(long index, String hash) {
    String previous = hash == null ? blocks.remove(index) : blocks.put(index, hash);
    if (Objects.equals(previous, hash)) {
      return false;
    }
    if (hash == null) {
      journal.removeBlock(key, index);
    } else {
      journal.putBlock(key, index, hash);
    }
    return true;
  }

  void resize(long newSizeBytes, int blockSize) {
    long firstDropped = newSizeBytes / blockSize;
    sizeBytes = newSizeBytes;
    blocks.tailMap(firstDropped, true).clear();
    journal.resizeBlob(key, newSizeBytes, firstDropped);
  }

  PageBlob view(int blockSize) {
    return new PageBlob(ref, region, sizeBytes, (long) blocks.size() * blockSize);
  }
}
