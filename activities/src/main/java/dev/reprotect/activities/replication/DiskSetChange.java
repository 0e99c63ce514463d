package dev.reprotect.activities.replication;

import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.VmCut;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the disks of a VM's cut differ from its item's replicas, paired by slot: a disk attached
 * after the protection is in every cut but has no replica; a disk detached has a replica but is in
 * no cut. Neither stops the others from shipping; both are for people to act on.
 */
final class DiskSetChange {
  private DiskSetChange() {}

  /** The replicas whose disk the cut has: those a shipment can bring to the cut. */
  static List<ReplicaDisk> shippable(VmCut cut, List<ReplicaDisk> replicas) {
    Set<String> inCut = cut.disks().stream().map(CutDisk::slot).collect(Collectors.toSet());
    return replicas.stream().filter(replica -> inCut.contains(replica.slot())).toList();
  }

  /** The change, in a line for people; empty when the cut's disks are the replicas' ones. */
  static Optional<String> between(VmCut cut, List<ReplicaDisk> replicas) {
    Set<String> replicated = replicas.stream().map(ReplicaDisk::slot).collect(Collectors.toSet());
    Set<String> inCut = cut.disks().stream().map(CutDisk::slot).collect(Collectors.toSet());
    List<String> parts = new ArrayList<>();
    cut.disks().stream()
        .filter(disk -> !replicated.contains(disk.slot()))
        .forEach(
            added ->
                parts.add(
                    String.format(
                        "disk %s (%s) was attached to %s after its protection and is not"
                            + " replicated: `reprotect replication %s --add-disk %s` includes it",
                        added.name(), added.slot(), cut.vm(), cut.vm(), added.name())));
    replicas.stream()
        .filter(replica -> !inCut.contains(replica.slot()))
        .forEach(
            removed ->
                parts.add(
                    String.format(
                        "disk %s (%s) is no longer on %s: its replica keeps its last "
                            + "content, and a failover brings it back",
                        removed.sourceDisk(), removed.slot(), cut.vm())));
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
  }
}
