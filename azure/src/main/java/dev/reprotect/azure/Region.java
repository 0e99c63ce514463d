package dev.reprotect.azure;

/** An Azure region and whether resources can be reached and created there right now. */
public record Region(String name, boolean available) {}
