package dev.reprotect.azure;

/** A Recovery Services vault. */
public record Vault(String name, String resourceGroup, String location) {}
