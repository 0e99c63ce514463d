package dev.reprotect.activities.replication;

/** The item's protection state, a name of {@code dev.reprotect.azure.ProtectionState}. */
public record ItemProtection(String protectionState) {}
