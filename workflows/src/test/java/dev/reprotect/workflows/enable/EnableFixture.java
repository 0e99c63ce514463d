package dev.reprotect.workflows.enable;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.replication.DiskBytes;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A world whose VM was never protected (the scenario's item absent, no VM in the target region),
 * with the activities on the test worker; the disks on both sides read back from their bytes.
 */
final class EnableFixture implements AutoCloseable {
  final ReprotectFixture world;
  private final TestWorkflowEnvironment env;

  EnableFixture(TestWorkflowEnvironment env, Worker worker) {
    this(env, worker, ReprotectFixture.scenario().unprotected(true).build());
  }

  EnableFixture(TestWorkflowEnvironment env, Worker worker, Scenario scenario) {
    this.env = env;
    world = new ReprotectFixture(scenario);
    world.register(env, worker);
    env.start();
  }

  String vault() {
    return world.scenario.vault();
  }

  String vm() {
    return world.scenario.vm();
  }

  EnableRequest request() {
    return EnableRequest.of(vault(), vm());
  }

  ProtectionSummary enable(EnableRequest request) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            EnableReplicationWorkflow.class, world.jobOptions(WorkflowIds.enable(vault(), vm())))
        .enable(request);
  }

  Job<ProtectionStep, ProtectionPlan> job() {
    return env.getWorkflowClient()
        .newWorkflowStub(EnableReplicationWorkflow.class, WorkflowIds.enable(vault(), vm()))
        .job();
  }

  /** Stops the replication the enable started: its cycles would change what is compared. */
  void stopReplication() {
    ReprotectFixture.stopReplication(env, vault(), vm());
  }

  VirtualMachine sourceVm() {
    return world.azure.compute().virtualMachinesNamed(world.scenario.sourceRegion(), vm()).get(0);
  }

  /** The source VM's disks, each hashed from the bytes read back, by slot. */
  Map<String, String> sourceDiskChecksums() {
    return checksums(
        sourceVm().disks().stream().collect(Collectors.toMap(VmDisk::slot, VmDisk::vhd)));
  }

  /** The item's replica disks, each hashed from the bytes read back, by slot. */
  Map<String, String> replicaChecksums() {
    return checksums(
        world.item().replicaDisks().stream()
            .collect(Collectors.toMap(ReplicaDisk::slot, ReplicaDisk::replica)));
  }

  private Map<String, String> checksums(Map<String, BlobRef> disks) {
    Map<String, String> bySlot = new TreeMap<>();
    disks.forEach(
        (slot, blob) -> bySlot.put(slot, DiskBytes.checksum(world.azure.storage(), blob)));
    return bySlot;
  }

  @Override
  public void close() {
    world.close();
  }
}
