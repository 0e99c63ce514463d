package dev.reprotect.azure;

/** A running churn: its spec and what it wrote so far, over all the VM's disks. */
public record ChurnStatus(ChurnSpec spec, long blocksWritten, long bytesWritten) {}
