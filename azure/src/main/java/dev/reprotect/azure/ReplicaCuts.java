package dev.reprotect.azure;

import java.util.ArrayList;
import java.util.List;

/**
 * What the replicas of an item hold, in cuts of its source: every replica equals its disk in cut
 * {@code base}, except for blocks that a shipment of a cut of {@code inTransit} may have written
 * before it stopped. A shipment against {@code base} must therefore also send the blocks those cuts
 * changed: a block one of them wrote may have been changed back since.
 */
public record ReplicaCuts(String base, List<String> inTransit) {
  public ReplicaCuts {
    inTransit = List.copyOf(inTransit);
  }

  /** Replicas equal to their disks in {@code cutId}, with nothing in transit. */
  public static ReplicaCuts at(String cutId) {
    return new ReplicaCuts(cutId, List.of());
  }

  /** The same, with {@code cutId} on its way to the replicas. */
  public ReplicaCuts shipping(String cutId) {
    if (cutId.equals(base) || inTransit.contains(cutId)) {
      return this;
    }
    List<String> shipping = new ArrayList<>(inTransit);
    shipping.add(cutId);
    return new ReplicaCuts(base, shipping);
  }
}
