package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.optionalText;
import static dev.reprotect.azure.arm.ArmJson.requireInstant;
import static dev.reprotect.azure.arm.ArmJson.requireLong;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.ActivityLogEntry;

/** Our own: the activity log's entries and the bytes metered between two regions. */
public final class MeteringJson {
  private MeteringJson() {}

  public static ObjectNode activityLogEntry(ActivityLogEntry entry) {
    ObjectNode out = ArmJson.object();
    out.put("sequence", entry.sequence());
    out.put("time", entry.time().toString());
    out.put("operation", entry.operation());
    out.put("resourceId", entry.resourceId());
    out.put("correlationId", entry.correlationId());
    return out;
  }

  public static ActivityLogEntry activityLogEntry(JsonNode node) {
    return new ActivityLogEntry(requireLong(node, "sequence"), requireInstant(node, "time"),
        requireText(node, "operation"), requireText(node, "resourceId"),
        optionalText(node, "correlationId"));
  }

  public static ObjectNode transfers(String fromRegion, String toRegion, long bytes) {
    ObjectNode out = ArmJson.object();
    out.put("fromRegion", fromRegion);
    out.put("toRegion", toRegion);
    out.put("bytes", bytes);
    return out;
  }

  public static ObjectNode callerTransfers(String correlationIdPrefix, long bytes) {
    ObjectNode out = ArmJson.object();
    out.put("correlationIdPrefix", correlationIdPrefix);
    out.put("bytes", bytes);
    return out;
  }

  public static long transferredBytes(JsonNode node) {
    return requireLong(node, "bytes");
  }
}
