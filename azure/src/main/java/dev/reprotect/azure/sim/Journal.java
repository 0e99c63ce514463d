package dev.reprotect.azure.sim;

import dev.reprotect.azure.ActivityLogEntry;

/**
 * Where the world's changes go: nowhere for an in-memory world, a database for a durable one.
 * Changes are recorded as they are made and made durable together by {@link #commit()}, once per
 * operation, so that an operation is either wholly there after a crash or not at all.
 */
interface Journal extends AutoCloseable {
  void putResource(String table, String key, Object value);

  void removeResource(String table, String key);

  /** A blob as a whole: its metadata and every block, replacing what was recorded. */
  void putBlob(String key, BlobData blob);

  void removeBlob(String key);

  void resizeBlob(String key, long sizeBytes, long firstDroppedBlock);

  void putBlock(String blobKey, long index, String hash);

  void removeBlock(String blobKey, long index);

  void appendLog(ActivityLogEntry entry);

  /** Bytes a caller moved from one region to the other. */
  void addTransfer(String correlationId, String fromRegion, String toRegion, long bytes);

  void commit();

  @Override
  void close();

  /** The journal of an in-memory world: keeps nothing. */
  static Journal none() {
    return NoJournal.INSTANCE;
  }
}
