package dev.reprotect.azure.sim;

import dev.reprotect.azure.ActivityLogEntry;

/** The journal of a world that lives only in memory. */
enum NoJournal implements Journal {
  INSTANCE;

  @Override
  public void putResource(String table, String key, Object value) {}

  @Override
  public void removeResource(String table, String key) {}

  @Override
  public void putBlob(String key, BlobData blob) {}

  @Override
  public void removeBlob(String key) {}

  @Override
  public void resizeBlob(String key, long sizeBytes, long firstDroppedBlock) {}

  @Override
  public void putBlock(String blobKey, long index, String hash) {}

  @Override
  public void removeBlock(String blobKey, long index) {}

  @Override
  public void appendLog(ActivityLogEntry entry) {}

  @Override
  public void addTransfer(String correlationId, String fromRegion, String toRegion, long bytes) {}

  @Override
  public void commit() {}

  @Override
  public void close() {}
}
