package dev.reprotect.activities;

/**
 * Reprotect one replicated item of a vault, optionally with customised target resources. {@code
 * replicationCycleSeconds} is 0 for the product's 5 minutes between the recovery points of the
 * replication that follows; the demo shortens it so that a person sees cycles go by. {@code
 * reviewedPlan} is the digest (or a prefix of it, see {@link PlanDigest}) of the plan the user
 * reviewed, null when none was: the job is refused with {@code PlanChanged} when the plan it would
 * run differs. {@code fullCompare} forces the full compare of every disk when the operator
 * distrusts the failover's lineage (false in requests written before it existed).
 */
public record ReprotectRequest(
    String vault,
    String vm,
    Customization customization,
    int replicationCycleSeconds,
    String reviewedPlan,
    boolean fullCompare) {
  public ReprotectRequest {
    if (customization == null) {
      customization = Customization.none();
    }
  }

  public ReprotectRequest(String vault, String vm, Customization customization) {
    this(vault, vm, customization, 0, null, false);
  }

  public static ReprotectRequest of(String vault, String vm) {
    return new ReprotectRequest(vault, vm, Customization.none());
  }

  public ReprotectRequest withReplicationCycleSeconds(int seconds) {
    return new ReprotectRequest(vault, vm, customization, seconds, reviewedPlan, fullCompare);
  }

  public ReprotectRequest withReviewedPlan(String digest) {
    return new ReprotectRequest(
        vault, vm, customization, replicationCycleSeconds, digest, fullCompare);
  }

  public ReprotectRequest withFullCompare(boolean forced) {
    return new ReprotectRequest(
        vault, vm, customization, replicationCycleSeconds, reviewedPlan, forced);
  }
}
