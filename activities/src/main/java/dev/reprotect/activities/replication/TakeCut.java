package dev.reprotect.activities.replication;

/**
 * Take cut {@code cutId} of the item's VM: a snapshot of each of its disks while its guest agent
 * holds the VM's writes. With {@code appConsistent} the guest is asked to quiesce too. {@code
 * firstOfAProtection} marks cut 0 of a reprotect or an enable, before which no replication of the
 * VM runs: every other cut of the VM is then a leftover (of a run that failed after its own cut 0)
 * and is deleted, which nothing else would ever do while the VM lives.
 */
public record TakeCut(
    String vault, String vm, String cutId, boolean appConsistent, boolean firstOfAProtection) {
  public TakeCut(String vault, String vm, String cutId, boolean appConsistent) {
    this(vault, vm, cutId, appConsistent, false);
  }

  /** Cut 0 of a protection, crash-consistent. */
  public static TakeCut firstOfAProtection(String vault, String vm, String cutId) {
    return new TakeCut(vault, vm, cutId, false, true);
  }
}
