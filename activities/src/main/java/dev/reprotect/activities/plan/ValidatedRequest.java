package dev.reprotect.activities.plan;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;

/** A request that passed every prerequisite, with what the checks found on the way. */
record ValidatedRequest(
    ReprotectRequest request,
    ReplicatedItem item,
    VirtualMachine sourceVm,
    NetworkMapping mapping) {}
