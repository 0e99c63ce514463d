package dev.reprotect.activities.disable;

import java.util.List;

/**
 * The resources a disable found recorded as created by the item's protection: the ids it deleted
 * (or found gone), and those it kept, each with why (not empty, used by another item).
 */
public record ResourcesRemoved(List<String> deleted, List<String> kept) {
  public ResourcesRemoved {
    deleted = List.copyOf(deleted);
    kept = List.copyOf(kept);
  }
}
