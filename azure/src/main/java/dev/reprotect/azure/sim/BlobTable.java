package dev.reprotect.azure.sim;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** The page blobs, by key; a blob put here records its own block changes in the journal. */
final class BlobTable {
  private final Journal journal;
  private final TreeMap<String, BlobData> rows = new TreeMap<>();

  BlobTable(Journal journal) {
    this.journal = journal;
  }

  BlobData get(String key) {
    return rows.get(key);
  }

  boolean containsKey(String key) {
    return rows.containsKey(key);
  }

  Set<Map.Entry<String, BlobData>> entrySet() {
    return Collections.unmodifiableSet(rows.entrySet());
  }

  void forEach(BiConsumer<String, BlobData> action) {
    rows.forEach(action);
  }

  void put(String key, BlobData blob) {
    restore(key, blob);
    journal.putBlob(key, blob);
  }

  BlobData remove(String key) {
    BlobData removed = rows.remove(key);
    if (removed != null) {
      journal.removeBlob(key);
    }
    return removed;
  }

  /** Puts a blob read back from the journal: it is recorded already. */
  void restore(String key, BlobData blob) {
    blob.attach(journal, key);
    rows.put(key, blob);
  }
}
