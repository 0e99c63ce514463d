package dev.reprotect.azure;

/** A disk of a VM: the OS disk has no LUN, data disks have one. Its bytes are a page blob. */
public record VmDisk(String name, Integer lun, BlobRef vhd) {
  public boolean isOsDisk() {
    return lun == null;
  }

  /** The disk's place on the VM, which pairs it with its counterpart on the other side. */
  public String slot() {
    return isOsDisk() ? "os" : "lun" + lun;
  }
}
