package dev.reprotect.azure;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of a page blob, as Azure's Snapshot Blob takes it: read-only, the base's content at
 * {@code time}, sharing its blocks (no bytes copied). Azure names a snapshot by its timestamp on
 * the base blob; here it has a name of its own in a container of the base's storage account, so
 * that a retry finds the snapshot it took. {@code metadata} is what the caller set when it took it
 * (Azure's {@code x-ms-meta-*} headers of the request).
 */
public record BlobSnapshot(
    BlobRef ref, BlobRef base, Instant time, long sizeBytes, Map<String, String> metadata) {
  public BlobSnapshot {
    metadata = Map.copyOf(metadata);
  }
}
