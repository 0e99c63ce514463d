package dev.reprotect.azure;

/** One disk of a cut: the disk's slot and name on the VM, and its snapshot blob at the cut. */
public record CutDisk(String slot, String name, BlobRef snapshot, long sizeBytes) {}
