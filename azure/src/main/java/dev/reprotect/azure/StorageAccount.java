package dev.reprotect.azure;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A storage account. Its name is unique across the whole backend; region and kind are immutable.
 * Tags are how the vault recognises the cache accounts it owns.
 */
public record StorageAccount(
    String name, String resourceGroup, String location, String kind, Map<String, String> tags) {
  public static final String KIND = "StorageV2";
  public static final String TAG_VAULT = "reprotect-vault";
  public static final String TAG_ROLE = "reprotect-role";
  public static final String ROLE_CACHE = "cache";

  public StorageAccount {
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
  }

  public String id() {
    return ResourceIds.storageAccount(resourceGroup, name);
  }

  public boolean isCacheOf(String vault) {
    return vault.equals(tags.get(TAG_VAULT)) && ROLE_CACHE.equals(tags.get(TAG_ROLE));
  }
}
