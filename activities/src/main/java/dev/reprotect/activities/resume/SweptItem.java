package dev.reprotect.activities.resume;

import dev.reprotect.activities.replication.ItemRef;

/**
 * An item of one of the backend's vaults as a sweep sees it: {@code replicates} when it is
 * Protected with no operation running, the items whose replication must run.
 */
public record SweptItem(ItemRef item, boolean replicates) {}
