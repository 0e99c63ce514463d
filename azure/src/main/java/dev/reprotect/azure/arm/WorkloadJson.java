package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.requireEnum;
import static dev.reprotect.azure.arm.ArmJson.requireLong;
import static dev.reprotect.azure.arm.ArmJson.requireNumber;
import static dev.reprotect.azure.arm.ArmJson.requireObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;

/** Our own: the guest workload's churn, as the admin routes read and answer it. */
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
    return new ChurnSpec(requireNumber(node, "megabytesPerSecondPerDisk"),
        requireEnum(node, "pattern", ChurnPattern.class), requireLong(node, "seed"));
  }

  public static ObjectNode churnStatus(ChurnStatus status) {
    ObjectNode out = ArmJson.object();
    out.set("spec", churnSpec(status.spec()));
    out.put("blocksWritten", status.blocksWritten());
    out.put("bytesWritten", status.bytesWritten());
    return out;
  }

  public static ChurnStatus churnStatus(JsonNode node) {
    return new ChurnStatus(churnSpec(requireObject(node, "spec")),
        requireLong(node, "blocksWritten"), requireLong(node, "bytesWritten"));
  }

  public static ObjectNode quiesced(boolean quiesced) {
    ObjectNode out = ArmJson.object();
    out.put("quiesced", quiesced);
    return out;
  }

  public static boolean quiesced(JsonNode node) {
    return ArmJson.requireBoolean(node, "quiesced");
  }
}
