package dev.reprotect.azure;

/** A page blob holding a disk: its size, and how much of it is actually written. */
public record PageBlob(BlobRef ref, String location, long sizeBytes, long allocatedBytes) {}
