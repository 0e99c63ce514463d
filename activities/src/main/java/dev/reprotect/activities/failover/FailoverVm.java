package dev.reprotect.activities.failover;

import java.util.List;

/** The failed-over VM of {@code plan}, on {@code disks}. */
public record FailoverVm(FailoverPlan plan, List<CreatedDisk> disks) {
  public FailoverVm {
    disks = List.copyOf(disks);
  }
}
