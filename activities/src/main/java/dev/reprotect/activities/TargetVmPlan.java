package dev.reprotect.activities;

import dev.reprotect.azure.PowerState;

/** The stale VM on the target side as the plan found it. */
public record TargetVmPlan(
    String resourceGroup, String name, String region, PowerState powerState) {}
