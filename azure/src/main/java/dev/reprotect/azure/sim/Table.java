package dev.reprotect.azure.sim;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** The resources of one kind, by key, in memory, every change recorded in the journal. */
final class Table<V> {
  final String name;
  final Class<V> type;
  private final Journal journal;
  private final TreeMap<String, V> rows = new TreeMap<>();

  Table(String name, Class<V> type, Journal journal) {
    this.name = name;
    this.type = type;
    this.journal = journal;
  }

  V get(String key) {
    return rows.get(key);
  }

  boolean containsKey(String key) {
    return rows.containsKey(key);
  }

  Collection<V> values() {
    return Collections.unmodifiableCollection(rows.values());
  }

  Set<Map.Entry<String, V>> entrySet() {
    return Collections.unmodifiableSet(rows.entrySet());
  }

  void forEach(BiConsumer<String, V> action) {
    rows.forEach(action);
  }

  void put(String key, V value) {
    rows.put(key, value);
    journal.putResource(name, key, value);
  }

  void putIfAbsent(String key, V value) {
    if (!rows.containsKey(key)) {
      put(key, value);
    }
  }

  V remove(String key) {
    V removed = rows.remove(key);
    if (removed != null) {
      journal.removeResource(name, key);
    }
    return removed;
  }

  /** Puts a row read back from the journal: it is recorded already. */
  void restore(String key, Object value) {
    rows.put(key, type.cast(value));
  }
}
