package dev.reprotect.azure;

import java.util.List;

/** A named, ordered group of replicated items of a vault. */
public record RecoveryPlan(String vault, String name, List<String> items) {
  public RecoveryPlan {
    items = List.copyOf(items);
  }
}
