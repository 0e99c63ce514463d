package dev.reprotect.azure;

/** Which network a VM of the source region lands on in the target region of a pair. */
public record NetworkMapping(
    String sourceRegion, String sourceNetworkId, String targetRegion, String targetNetworkId) {}
