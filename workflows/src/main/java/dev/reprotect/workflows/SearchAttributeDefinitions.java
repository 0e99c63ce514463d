package dev.reprotect.workflows;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every search attribute the workflows upsert, with its type: what a server, the embedded one or a
 * test environment must know before the first workflow runs. The one list every registration reads.
 */
public final class SearchAttributeDefinitions {
  private SearchAttributeDefinitions() {}

  /** By name, in a stable order. */
  public static Map<String, IndexedValueType> all() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>();
    Stream.concat(ReprotectSearchAttributes.ALL.stream(), ReplicationSearchAttributes.ALL.stream())
        .forEach((SearchAttributeKey<?> key) -> all.put(key.getName(), key.getValueType()));
    return all;
  }

  /** The type as the Temporal CLI names it (`--search-attribute Name=Type`, `--type Type`). */
  public static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      default -> throw new IllegalArgumentException("no search attribute of ours is a " + type);
    };
  }
}
