package dev.reprotect.activities.scrub;

/**
 * The stable codes of a refused scrub, beyond {@code ItemNotFound} (the vault has no such item); a
 * scrub that finds a replica it cannot repair ends with {@code ReplicaMismatch}.
 */
public enum ScrubErrorCode {
  /** No vault of that name: nothing to scrub. */
  VaultNotFound,
  /** The item has no recovery point made from a cut that still exists: nothing to compare. */
  NoRecoveryPoint
}
