package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.optionalObject;
import static dev.reprotect.azure.arm.ArmJson.optionalText;
import static dev.reprotect.azure.arm.ArmJson.requireArray;
import static dev.reprotect.azure.arm.ArmJson.requireBoolean;
import static dev.reprotect.azure.arm.ArmJson.requireEnum;
import static dev.reprotect.azure.arm.ArmJson.requireInstant;
import static dev.reprotect.azure.arm.ArmJson.requireInt;
import static dev.reprotect.azure.arm.ArmJson.requireLong;
import static dev.reprotect.azure.arm.ArmJson.requireObject;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.DiskLineage;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPlan;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ReplicaCuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.ScrubOutcome;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.azure.Vault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Microsoft.RecoveryServices: the vault in ARM's shape; its replicated items, recovery plans and
 * points in our own (the reference product's objects are far larger than what the simulator keeps).
 */
public final class RecoveryServicesJson {
  private RecoveryServicesJson() {}

  public static ObjectNode vault(Vault vault) {
    ObjectNode out =
        ArmJson.resource(
            ResourceIds.resourceGroup(vault.resourceGroup())
                + "/providers/Microsoft.RecoveryServices/vaults/"
                + vault.name(),
            vault.name(),
            "Microsoft.RecoveryServices/vaults",
            vault.location());
    out.putObject("sku").put("name", "Standard");
    ArmJson.properties(out);
    return out;
  }

  public static Vault vault(JsonNode node, String resourceGroup, String name) {
    return new Vault(name, resourceGroup, requireText(node, "location"));
  }

  public static Vault vault(JsonNode node) {
    return vault(node, ArmIds.resourceGroupOf(requireText(node, "id")), requireText(node, "name"));
  }

  public static ObjectNode replicatedItem(ReplicatedItem item) {
    ObjectNode out =
        ArmJson.resource(
            ResourceIds.replicatedItem(item.vault(), item.name()),
            item.name(),
            "Microsoft.RecoveryServices/vaults/replicatedItems",
            null);
    ObjectNode p = ArmJson.properties(out);
    p.put("vault", item.vault());
    p.set("primary", side(item.primary()));
    p.set("recovery", side(item.recovery()));
    p.put("activeLocation", item.activeLocation());
    p.put("protectionState", item.state().name());
    ObjectNode policy = p.putObject("policy");
    policy.put("name", item.policy().name());
    policy.put("retentionDays", item.policy().retentionDays());
    policy.put("appConsistentFrequencyMinutes", item.policy().appConsistentFrequencyMinutes());
    policy.put("scrubIntervalDays", item.policy().scrubIntervalDays());
    p.put("cacheStorageAccount", item.cacheStorageAccount());
    ArrayNode disks = p.putArray("replicaDisks");
    for (ReplicaDisk disk : item.replicaDisks()) {
      disks.add(replicaDisk(disk));
    }
    if (item.runningOperation() == null) {
      p.putNull("runningOperation");
    } else {
      p.set("runningOperation", runningOperation(item.runningOperation()));
    }
    p.put("failoverCommitted", item.failoverCommitted());
    p.put("migrationCompleted", item.migrationCompleted());
    p.put("reprotectCycles", item.reprotectCycles());
    p.put("testFailoverLive", item.testFailoverLive());
    p.put("pinnedRecoveryPoint", item.pinnedRecoveryPoint());
    if (item.replicaCuts() != null) {
      p.set("replicaCuts", replicaCuts(item.replicaCuts()));
    }
    if (item.lastScrub() != null) {
      p.set("lastScrub", scrub(item.lastScrub()));
    }
    item.createdByProtection().forEach(p.putArray("createdByProtection")::add);
    if (!item.lineage().isEmpty()) {
      ArrayNode lineage = p.putArray("lineage");
      item.lineage().forEach(disk -> lineage.add(lineage(disk)));
    }
    return out;
  }

  public static ObjectNode lineage(DiskLineage disk) {
    ObjectNode out = ArmJson.object();
    out.put("slot", disk.slot());
    out.put("pointId", disk.pointId());
    out.put("pointChecksum", disk.pointChecksum());
    out.put("cutId", disk.cutId());
    out.set("cutSnapshot", optionalBlobRef(disk.cutSnapshot()));
    out.put("cutChecksum", disk.cutChecksum());
    out.set("staleDisk", optionalBlobRef(disk.staleDisk()));
    out.put("staleDiskSizeBytes", disk.staleDiskSizeBytes());
    out.set("recoveredDisk", StorageJson.blobRef(disk.recoveredDisk()));
    out.put("recoveredDiskSizeBytes", disk.recoveredDiskSizeBytes());
    out.set("newBase", optionalBlobRef(disk.newBase()));
    return out;
  }

  public static DiskLineage lineage(JsonNode node) {
    return new DiskLineage(
        requireText(node, "slot"),
        requireText(node, "pointId"),
        optionalText(node, "pointChecksum"),
        optionalText(node, "cutId"),
        optionalBlobRef(node, "cutSnapshot"),
        optionalText(node, "cutChecksum"),
        optionalBlobRef(node, "staleDisk"),
        requireLong(node, "staleDiskSizeBytes"),
        StorageJson.blobRef(requireObject(node, "recoveredDisk")),
        requireLong(node, "recoveredDiskSizeBytes"),
        optionalBlobRef(node, "newBase"));
  }

  private static JsonNode optionalBlobRef(BlobRef ref) {
    return ref == null ? NullNode.getInstance() : StorageJson.blobRef(ref);
  }

  private static BlobRef optionalBlobRef(JsonNode node, String field) {
    JsonNode ref = optionalObject(node, field);
    return ref == null ? null : StorageJson.blobRef(ref);
  }

  public static ObjectNode replicaCuts(ReplicaCuts cuts) {
    ObjectNode out = ArmJson.object();
    out.put("base", cuts.base());
    cuts.inTransit().forEach(out.putArray("inTransit")::add);
    return out;
  }

  public static ReplicaCuts replicaCuts(JsonNode node) {
    return new ReplicaCuts(requireText(node, "base"), texts(node, "inTransit"));
  }

  /** A replica disk, as the item lists it and as addReplicaDisk's body holds it. */
  public static ObjectNode replicaDisk(ReplicaDisk disk) {
    ObjectNode d = ArmJson.object();
    d.put("slot", disk.slot());
    d.put("sourceDisk", disk.sourceDisk());
    d.set("replica", StorageJson.blobRef(disk.replica()));
    return d;
  }

  public static ReplicaDisk replicaDisk(JsonNode d) {
    return new ReplicaDisk(
        requireText(d, "slot"),
        requireText(d, "sourceDisk"),
        StorageJson.blobRef(requireObject(d, "replica")));
  }

  /** An item from a PUT body or an answer; vault and name are the path's. */
  public static ReplicatedItem replicatedItem(JsonNode node, String vault, String name) {
    JsonNode p = requireObject(node, "properties");
    JsonNode policy = requireObject(p, "policy");
    List<ReplicaDisk> disks = new ArrayList<>();
    for (JsonNode d : requireArray(p, "replicaDisks")) {
      disks.add(replicaDisk(d));
    }
    JsonNode running = optionalObject(p, "runningOperation");
    JsonNode lastScrub = optionalObject(p, "lastScrub");
    return new ReplicatedItem(
        vault,
        name,
        side(requireObject(p, "primary")),
        side(requireObject(p, "recovery")),
        requireText(p, "activeLocation"),
        requireEnum(p, "protectionState", ProtectionState.class),
        new ReplicationPolicy(
            requireText(policy, "name"),
            requireInt(policy, "retentionDays"),
            requireInt(policy, "appConsistentFrequencyMinutes"),
            policy.hasNonNull("scrubIntervalDays")
                ? policy.get("scrubIntervalDays").asInt()
                : null),
        optionalText(p, "cacheStorageAccount"),
        disks,
        running == null ? null : runningOperation(running),
        requireBoolean(p, "failoverCommitted"),
        requireBoolean(p, "migrationCompleted"),
        requireInt(p, "reprotectCycles"),
        requireBoolean(p, "testFailoverLive"),
        optionalText(p, "pinnedRecoveryPoint"),
        optionalObject(p, "replicaCuts") == null
            ? null
            : replicaCuts(optionalObject(p, "replicaCuts")),
        lastScrub == null ? null : scrub(lastScrub),
        p.has("createdByProtection") ? texts(p, "createdByProtection") : List.of(),
        lineageOf(p));
  }

  /** The item's lineage; none in an item recorded before lineages were. */
  private static List<DiskLineage> lineageOf(JsonNode properties) {
    List<DiskLineage> disks = new ArrayList<>();
    if (properties.has("lineage")) {
      requireArray(properties, "lineage").forEach(disk -> disks.add(lineage(disk)));
    }
    return disks;
  }

  /** The body of recordCreatedResources: the ids of the resources a protection created. */
  public static ObjectNode createdResourcesRequest(List<String> resourceIds) {
    return textsBody("resourceIds", resourceIds);
  }

  public static List<String> createdResourceIds(JsonNode body) {
    return texts(body, "resourceIds");
  }

  public static ObjectNode scrub(ScrubRecord scrub) {
    ObjectNode out = ArmJson.object();
    out.put("time", scrub.time().toString());
    out.put("outcome", scrub.outcome().name());
    out.put("pointId", scrub.pointId());
    out.put("bytesCompared", scrub.bytesCompared());
    out.put("blocksRepaired", scrub.blocksRepaired());
    out.put("detail", scrub.detail());
    return out;
  }

  public static ScrubRecord scrub(JsonNode node) {
    return new ScrubRecord(
        requireInstant(node, "time"),
        requireEnum(node, "outcome", ScrubOutcome.class),
        optionalText(node, "pointId"),
        requireLong(node, "bytesCompared"),
        requireLong(node, "blocksRepaired"),
        optionalText(node, "detail"));
  }

  public static ReplicatedItem replicatedItem(JsonNode node) {
    return replicatedItem(
        node, requireText(requireObject(node, "properties"), "vault"), requireText(node, "name"));
  }

  public static ObjectNode runningOperation(RunningOperation operation) {
    ObjectNode out = ArmJson.object();
    out.put("type", operation.type());
    out.put("id", operation.id());
    if (operation.runId() != null) {
      out.put("runId", operation.runId());
    }
    out.put("startedAt", operation.startedAt().toString());
    return out;
  }

  public static RunningOperation runningOperation(JsonNode node) {
    return new RunningOperation(
        requireText(node, "type"),
        requireText(node, "id"),
        optionalText(node, "runId"),
        requireInstant(node, "startedAt"));
  }

  /**
   * The body of claimOperation: the operation, the item as the caller's check saw it (absent: claim
   * an item with no running operation) and the state the item moves to.
   */
  public static ObjectNode claimRequest(
      RunningOperation operation, ItemClaimState expected, ProtectionState newState) {
    ObjectNode out = ArmJson.object();
    out.set("operation", runningOperation(operation));
    if (expected != null) {
      ObjectNode seen = out.putObject("expected");
      seen.put("protectionState", expected.state().name());
      if (expected.runningOperation() != null) {
        seen.set("runningOperation", runningOperation(expected.runningOperation()));
      }
    }
    out.put("newState", newState.name());
    return out;
  }

  /** The expected state of a claimOperation body, or null when it has none. */
  public static ItemClaimState expectedClaimState(JsonNode body) {
    JsonNode seen = optionalObject(body, "expected");
    if (seen == null) {
      return null;
    }
    JsonNode running = optionalObject(seen, "runningOperation");
    return new ItemClaimState(
        requireEnum(seen, "protectionState", ProtectionState.class),
        running == null ? null : runningOperation(running));
  }

  /** The body of releaseStaleOperation: the stale claim and the state the item moves to. */
  public static ObjectNode releaseStaleRequest(RunningOperation stale, ProtectionState newState) {
    ObjectNode out = ArmJson.object();
    out.set("operation", runningOperation(stale));
    out.put("newState", newState.name());
    return out;
  }

  /**
   * The body of releaseOperation: the operation's id, its run (left out when unknown) and the state
   * the item moves to.
   */
  public static ObjectNode releaseRequest(
      String operationId, String runId, ProtectionState newState) {
    ObjectNode out = ArmJson.object();
    out.put("operationId", operationId);
    if (runId != null) {
      out.put("runId", runId);
    }
    out.put("newState", newState.name());
    return out;
  }

  public static ProtectionState newState(JsonNode node) {
    return requireEnum(node, "newState", ProtectionState.class);
  }

  public static ObjectNode recoveryPlan(RecoveryPlan plan) {
    ObjectNode out =
        ArmJson.resource(
            ResourceIds.recoveryPlan(plan.vault(), plan.name()),
            plan.name(),
            "Microsoft.RecoveryServices/vaults/recoveryPlans",
            null);
    ObjectNode p = ArmJson.properties(out);
    p.put("vault", plan.vault());
    ArrayNode items = p.putArray("items");
    plan.items().forEach(items::add);
    return out;
  }

  public static RecoveryPlan recoveryPlan(JsonNode node, String vault, String name) {
    return new RecoveryPlan(vault, name, texts(requireObject(node, "properties"), "items"));
  }

  public static RecoveryPlan recoveryPlan(JsonNode node) {
    return recoveryPlan(
        node, requireText(requireObject(node, "properties"), "vault"), requireText(node, "name"));
  }

  public static ObjectNode recoveryPoint(RecoveryPoint point) {
    ObjectNode out =
        ArmJson.resource(
            ResourceIds.recoveryPoint(point.vault(), point.item(), point.id()),
            point.id(),
            "Microsoft.RecoveryServices/vaults/replicatedItems/recoveryPoints",
            null);
    ObjectNode p = ArmJson.properties(out);
    p.put("vault", point.vault());
    p.put("item", point.item());
    p.put("recoveryPointTime", point.time().toString());
    p.put("recoveryPointType", point.type().name());
    ArrayNode disks = p.putArray("disks");
    point.disks().forEach(disk -> disks.add(StorageJson.blobRef(disk)));
    if (point.cutId() == null) {
      p.putNull("cutId");
    } else {
      p.put("cutId", point.cutId());
    }
    ObjectNode checksums = p.putObject("diskChecksums");
    point.diskChecksums().forEach(checksums::put);
    return out;
  }

  public static RecoveryPoint recoveryPoint(JsonNode node) {
    JsonNode p = requireObject(node, "properties");
    List<BlobRef> disks = new ArrayList<>();
    for (JsonNode disk : requireArray(p, "disks")) {
      disks.add(StorageJson.blobRef(disk));
    }
    Map<String, String> checksums = new TreeMap<>();
    JsonNode checksumsNode = optionalObject(p, "diskChecksums");
    if (checksumsNode != null) {
      checksumsNode
          .fieldNames()
          .forEachRemaining(slot -> checksums.put(slot, requireText(checksumsNode, slot)));
    }
    return new RecoveryPoint(
        requireText(node, "name"),
        requireText(p, "vault"),
        requireText(p, "item"),
        requireInstant(p, "recoveryPointTime"),
        requireEnum(p, "recoveryPointType", RecoveryPointType.class),
        disks,
        optionalText(p, "cutId"),
        checksums);
  }

  /** The body of a recovery point's PUT: its type, and the cut it corresponds to or null. */
  public static ObjectNode recoveryPointRequest(RecoveryPointType type, String cutId) {
    ObjectNode out = ArmJson.object();
    ObjectNode p = out.putObject("properties");
    p.put("recoveryPointType", type.name());
    if (cutId != null) {
      p.put("cutId", cutId);
    }
    return out;
  }

  /** The cut named in a recovery point's PUT, or null. */
  public static String recoveryPointCut(JsonNode node) {
    return optionalText(requireObject(node, "properties"), "cutId");
  }

  public static RecoveryPointType recoveryPointType(JsonNode node) {
    return requireEnum(
        requireObject(node, "properties"), "recoveryPointType", RecoveryPointType.class);
  }

  /** The body of pinRecoveryPoint: the claim's operation id and the point it chose. */
  public static ObjectNode pinRequest(String operationId, String pointId) {
    ObjectNode out = ArmJson.object();
    out.put("operationId", operationId);
    out.put("pointId", pointId);
    return out;
  }

  /** The body of pruneRecoveryPoints: the ids of the points retention no longer keeps. */
  public static ObjectNode pruneRequest(List<String> pointIds) {
    return textsBody("pointIds", pointIds);
  }

  public static List<String> prunedPointIds(JsonNode body) {
    return texts(body, "pointIds");
  }

  public static ObjectNode pruning(RecoveryPointPruning pruning) {
    ObjectNode out = ArmJson.object();
    pruning.deleted().forEach(out.putArray("deleted")::add);
    pruning.kept().forEach(out.putArray("kept")::add);
    out.put("keptBecause", pruning.keptBecause());
    return out;
  }

  public static RecoveryPointPruning pruning(JsonNode node) {
    return new RecoveryPointPruning(
        texts(node, "deleted"), texts(node, "kept"), optionalText(node, "keptBecause"));
  }

  /** A body of one field, an array of strings. */
  private static ObjectNode textsBody(String field, List<String> texts) {
    ObjectNode out = ArmJson.object();
    texts.forEach(out.putArray(field)::add);
    return out;
  }

  /** A required array of strings. */
  private static List<String> texts(JsonNode node, String field) {
    List<String> texts = new ArrayList<>();
    JsonNode array = requireArray(node, field);
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        throw ArmJson.invalid(field + "[" + i + "] must be a string");
      }
      texts.add(array.get(i).asText());
    }
    return texts;
  }

  private static ObjectNode side(ItemSide side) {
    ObjectNode out = ArmJson.object();
    out.put("region", side.region());
    out.put("resourceGroup", side.resourceGroup());
    out.put("storageAccount", side.storageAccount());
    out.put("availabilitySet", side.availabilitySet());
    out.put("network", side.network());
    return out;
  }

  private static ItemSide side(JsonNode node) {
    return new ItemSide(
        requireText(node, "region"),
        optionalText(node, "resourceGroup"),
        optionalText(node, "storageAccount"),
        optionalText(node, "availabilitySet"),
        optionalText(node, "network"));
  }
}
