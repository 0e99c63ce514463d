package dev.reprotect.activities.failover;

/** A disk of the VM to fail over: its slot (os, lun0, ...) and its name. */
public record FailoverDisk(String slot, String name) {
  /** The LUN of a data disk, null for the OS disk. */
  public Integer lun() {
    return slot.equals("os") ? null : Integer.valueOf(slot.substring("lun".length()));
  }
}
