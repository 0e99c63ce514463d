package dev.reprotect.activities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The digest of a plan: SHA-256 of its canonical form, as 64 lowercase hex characters. The
 * canonical form is one {@code key=value} line per fact of the plan (every name, region, resource
 * group, new/existing flag, the target VM and its power state, each disk's source, seed, replica
 * and size, how it is synced and why, the cycle), sorted by key. Artefacts are keyed by role and
 * disks by slot, so neither the order of the record's fields nor the order of its lists matters,
 * and the plan holds no time: planning the same world twice gives the same digest. A user may pass
 * any prefix of at least {@link #MIN_PREFIX} characters, which is what {@code plan} shows.
 */
public final class PlanDigest {
  public static final int MIN_PREFIX = 12;
  private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-fA-F]{" + MIN_PREFIX + ",64}");

  private PlanDigest() {}

  public static String of(ProtectionPlan plan) {
    StringBuilder canonical = new StringBuilder();
    canonicalForm(plan)
        .forEach((key, value) -> canonical.append(key).append('=').append(value).append('\n'));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The prefix of a digest that people are shown and may type. */
  public static String shortForm(String digest) {
    return digest.substring(0, MIN_PREFIX);
  }

  /** A digest or a prefix of one that is long enough: hex, {@link #MIN_PREFIX} to 64 characters. */
  public static boolean isWellFormed(String reviewed) {
    return reviewed != null && WELL_FORMED.matcher(reviewed).matches();
  }

  /** Whether {@code plan} is the plan whose digest (or prefix of it) the user reviewed. */
  public static boolean matches(ProtectionPlan plan, String reviewed) {
    return isWellFormed(reviewed) && of(plan).startsWith(reviewed.toLowerCase(Locale.ROOT));
  }

  static Map<String, String> canonicalForm(ProtectionPlan plan) {
    Map<String, String> facts = new TreeMap<>();
    put(facts, "vault", plan.vault());
    put(facts, "vm", plan.vm());
    put(facts, "sourceRegion", plan.sourceRegion());
    put(facts, "targetRegion", plan.targetRegion());
    put(facts, "sourceResourceGroup", plan.sourceResourceGroup());
    put(facts, "cycle", plan.cycle());
    for (PlannedArtefact artefact : plan.artefacts()) {
      String key = "artefact." + artefact.role().replace(' ', '-') + ".";
      put(facts, key + "type", artefact.type());
      put(facts, key + "name", artefact.name());
      put(facts, key + "region", artefact.region());
      put(facts, key + "resourceGroup", artefact.resourceGroup());
      put(facts, key + "exists", artefact.exists());
    }
    TargetVmPlan targetVm = plan.targetVm();
    if (targetVm != null) {
      put(facts, "targetVm.resourceGroup", targetVm.resourceGroup());
      put(facts, "targetVm.name", targetVm.name());
      put(facts, "targetVm.region", targetVm.region());
      put(facts, "targetVm.powerState", targetVm.powerState());
    }
    for (PlannedDisk disk : plan.disks()) {
      String key = "disk." + disk.slot() + ".";
      put(facts, key + "name", disk.name());
      put(facts, key + "sizeBytes", disk.sizeBytes());
      put(facts, key + "source", disk.source());
      put(facts, key + "targetDisk", disk.targetDisk());
      put(facts, key + "replica", disk.replica());
      put(facts, key + "replicaExists", disk.replicaExists());
      SyncChoice sync = disk.sync();
      if (sync != null) {
        put(facts, key + "sync.kind", sync.kind().label());
        put(facts, key + "sync.reason", sync.reason());
        put(facts, key + "sync.staleCut", sync.staleCut());
        put(facts, key + "sync.sourceBase", sync.sourceBase());
        put(facts, key + "sync.replicaBase", sync.replicaBase());
      }
    }
    return facts;
  }

  /** An absent value is an absent line, so "none" and a resource named "null" never collide. */
  private static void put(Map<String, String> facts, String key, Object value) {
    if (value != null) {
      facts.put(key, value.toString());
    }
  }
}
