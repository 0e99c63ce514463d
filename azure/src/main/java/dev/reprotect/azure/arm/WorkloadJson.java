package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.requireEnum;
import static dev.reprotect.azure.arm.ArmJson.requireInstant;
import static dev.reprotect.azure.arm.ArmJson.requireLong;
import static dev.reprotect.azure.arm.ArmJson.requireNumber;
import static dev.reprotect.azure.arm.ArmJson.requireObject;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.WriteHold;
import java.time.Duration;

/** Our own: the guest workload's churn, and the guest agent's holds of the VM's writes. */
public final class WorkloadJson {
  private WorkloadJson() {}

  public static ObjectNode churnSpec(ChurnSpec spec) {
    ObjectNode out = ArmJson.object();
    out.put("megabytesPerSecondPerDisk", spec.megabytesPerSecondPerDisk());
    out.put("pattern", spec.pattern().name());
    out.put("seed", spec.seed());
    return out;
  }

  public static ChurnSpec churnSpec(JsonNode node) {
    return new ChurnSpec(
        requireNumber(node, "megabytesPerSecondPerDisk"),
        requireEnum(node, "pattern", ChurnPattern.class),
        requireLong(node, "seed"));
  }

  public static ObjectNode churnStatus(ChurnStatus status) {
    ObjectNode out = ArmJson.object();
    out.set("spec", churnSpec(status.spec()));
    out.put("blocksWritten", status.blocksWritten());
    out.put("bytesWritten", status.bytesWritten());
    return out;
  }

  public static ChurnStatus churnStatus(JsonNode node) {
    return new ChurnStatus(
        churnSpec(requireObject(node, "spec")),
        requireLong(node, "blocksWritten"),
        requireLong(node, "bytesWritten"));
  }

  /** The body of a hold's PUT: its limit and whether the guest is asked to quiesce. */
  public static ObjectNode holdRequest(Duration limit, boolean quiesce) {
    ObjectNode out = ArmJson.object();
    out.put("limitMs", limit.toMillis());
    out.put("quiesce", quiesce);
    return out;
  }

  public static Duration holdLimit(JsonNode request) {
    return Duration.ofMillis(requireLong(request, "limitMs"));
  }

  public static boolean holdQuiesce(JsonNode request) {
    return ArmJson.requireBoolean(request, "quiesce");
  }

  public static ObjectNode writeHold(WriteHold hold) {
    ObjectNode out =
        ArmJson.resource(
            ResourceIds.writeHold(hold.resourceGroup(), hold.vm(), hold.id()),
            hold.id(),
            "Microsoft.Compute/virtualMachines/writeHolds",
            null);
    ObjectNode p = ArmJson.properties(out);
    p.put("virtualMachine", hold.vm());
    p.put("heldAt", hold.heldAt().toString());
    p.put("expiresAt", hold.expiresAt().toString());
    p.put("quiesced", hold.quiesced());
    p.put("state", hold.state().name());
    return out;
  }

  public static WriteHold writeHold(JsonNode node) {
    JsonNode p = requireObject(node, "properties");
    return new WriteHold(
        requireText(node, "name"),
        ArmIds.resourceGroupOf(requireText(node, "id")),
        requireText(p, "virtualMachine"),
        requireInstant(p, "heldAt"),
        requireInstant(p, "expiresAt"),
        ArmJson.requireBoolean(p, "quiesced"),
        requireEnum(p, "state", WriteHold.State.class));
  }
}
