package dev.reprotect.activities;

/** A stale target disk copied into its seed blob. */
public record SeededDisk(String slot, long seedBytesCopied) {}
