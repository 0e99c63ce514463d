package dev.reprotect.azure.sim;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.PageBlob;
import java.util.TreeMap;

/** A page blob's metadata: its size and the hash of each allocated block, by block index. */
final class BlobData {
  final BlobRef ref;
  final String region;
  long sizeBytes;
  final TreeMap<Long, String> blocks;

  BlobData(BlobRef ref, String region, long sizeBytes, TreeMap<Long, String> blocks) {
    this.ref = ref;
    this.region = region;
    this.sizeBytes = sizeBytes;
    this.blocks = blocks;
  }

  PageBlob view(int blockSize) {
    return new PageBlob(ref, region, sizeBytes, (long) blocks.size() * blockSize);
  }
}
