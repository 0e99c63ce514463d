package dev.reprotect.activities.data;

import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.BlockHashes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Which blocks of a range differ between two disks, given their hash lists. */
public final class BlockDiff {
  private BlockDiff() {}

  /**
   * Every block allocated on either side whose hashes differ, in ascending order; a block allocated
   * on one side only always differs. Both lists are sorted by index.
   */
  public static List<Long> differingBlocks(BlockHashes source, BlockHashes replica) {
    List<Long> differing = new ArrayList<>();
    Iterator<BlockHash> s = source.entries().iterator();
    Iterator<BlockHash> r = replica.entries().iterator();
    BlockHash a = s.hasNext() ? s.next() : null;
    BlockHash b = r.hasNext() ? r.next() : null;
    while (a != null || b != null) {
      if (b == null || (a != null && a.index() < b.index())) {
        differing.add(a.index());
        a = s.hasNext() ? s.next() : null;
      } else if (a == null || b.index() < a.index()) {
        differing.add(b.index());
        b = r.hasNext() ? r.next() : null;
      } else {
        if (!a.hash().equals(b.hash())) {
          differing.add(a.index());
        }
        a = s.hasNext() ? s.next() : null;
        b = r.hasNext() ? r.next() : null;
      }
    }
    return differing;
  }
}
