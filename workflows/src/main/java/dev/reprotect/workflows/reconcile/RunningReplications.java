package dev.reprotect.workflows.reconcile;

import dev.reprotect.activities.replication.ItemRef;
import java.util.List;

/**
 * The items whose replication workflow runs, by the server's visibility store; {@code listed} false
 * (and no items) where the server cannot list workflows (the embedded test server).
 */
public record RunningReplications(boolean listed, List<ItemRef> items) {
  public RunningReplications {
    items = List.copyOf(items);
  }
}
