package dev.reprotect.activities.enable;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.azure.ReplicatedItem;

/**
 * What an enable will do: {@code protection}, the plan its steps share with a reprotect's (no
 * target VM, so no seed), and {@code item}, the item it registers before it claims it, as the vault
 * will first record it (or the item an earlier failed enable left, taken as it is).
 */
public record EnablePlan(ProtectionPlan protection, ReplicatedItem item) {}
