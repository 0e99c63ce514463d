package dev.reprotect.workflows;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.ItemLifecycle;

/**
 * Workflow ids: {@code <job>.<vault>.<vm>}. Vault names have no dots, so an id splits
 * unambiguously; no '/', ':' or spaces, which the Web UI routes badly.
 */
public final class WorkflowIds {
  private static final String REPLICATION = "replication.";

  private WorkflowIds() {}

  public static String reprotect(String vault, String vm) {
    return "reprotect." + vault + "." + vm;
  }

  /** The failover of an item, the change of its point and its commit: a run each. */
  public static String failover(String vault, String vm) {
    return "failover." + vault + "." + vm;
  }

  /** The workflow of {@code operation}: a drill and its cleanup apart from the failovers. */
  public static String failover(String vault, String vm, ItemLifecycle operation) {
    return operation == ItemLifecycle.TestFailover || operation == ItemLifecycle.TestFailoverCleanup
        ? testFailover(vault, vm)
        : failover(vault, vm);
  }

  /** A test failover of an item and its cleanup: a run each. */
  public static String testFailover(String vault, String vm) {
    return "test-failover." + vault + "." + vm;
  }

  /** The first protection of a VM. */
  public static String enable(String vault, String vm) {
    return "enable." + vault + "." + vm;
  }

  public static String replication(String vault, String vm) {
    return REPLICATION + vault + "." + vm;
  }

  /** The item of a replication's workflow id: vault names have no dots, VM names may. */
  public static ItemRef replicatedItem(String replicationId) {
    String vaultAndVm = replicationId.substring(REPLICATION.length());
    int dot = vaultAndVm.indexOf('.');
    return new ItemRef(vaultAndVm.substring(0, dot), vaultAndVm.substring(dot + 1));
  }

  /** The scrub of an item's replica: one at a time per item. */
  public static String scrub(String vault, String vm) {
    return "scrub." + vault + "." + vm;
  }

  /** The removal of an item's protection. */
  public static String disable(String vault, String vm) {
    return "disable." + vault + "." + vm;
  }

  /** The run that reconciles every item's replication: one at a time in the namespace. */
  public static String reconcile() {
    return "reconcile.replications";
  }

  /** The restart of an item's replication from the vault's record; one at a time per item. */
  public static String resume(String vault, String vm) {
    return "resume." + vault + "." + vm;
  }

  /** The release of a stale claim on an item; one at a time per item. */
  public static String release(String vault, String vm) {
    return "release." + vault + "." + vm;
  }

  public static String claimReview(String vault, String vm, String nonce) {
    return "claim." + vault + "." + vm + "." + nonce;
  }

  public static String recoveryPointsReview(String vault, String vm, String nonce) {
    return "points." + vault + "." + vm + "." + nonce;
  }

  public static String planReview(String vault, String vm, String nonce) {
    return "plan." + vault + "." + vm + "." + nonce;
  }
}
