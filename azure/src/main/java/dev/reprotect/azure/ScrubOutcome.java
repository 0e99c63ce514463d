package dev.reprotect.azure;

/** How a scrub of an item's replica ended. */
public enum ScrubOutcome {
  /** Every disk of the point read back equal to the source cut it was made from. */
  Passed,
  /** Some blocks differed; resent from the source, they then read back equal. */
  Repaired,
  /** Blocks still differed after the repair: the point cannot be trusted, health is Critical. */
  ReplicaMismatch,
  /**
   * The scrub could not finish (its snapshot gone, a region down, ...): nothing is known of the
   * replica, and health is a Warning until a scrub ends otherwise. Its detail has the error's code.
   */
  Failed;
}
