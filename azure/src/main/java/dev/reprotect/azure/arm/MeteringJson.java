package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.optionalText;
import static dev.reprotect.azure.arm.ArmJson.requireInstant;
import static dev.reprotect.azure.arm.ArmJson.requireLong;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.CallerCosts;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our own: the activity log's entries, the bytes metered between two regions, and what callers were
 * charged.
 */
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
    return new ActivityLogEntry(
        requireLong(node, "sequence"),
        requireInstant(node, "time"),
        requireText(node, "operation"),
        requireText(node, "resourceId"),
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

  public static ObjectNode callerCosts(String correlationIdPrefix, CallerCosts costs) {
    ObjectNode out = ArmJson.object();
    out.put("correlationIdPrefix", correlationIdPrefix);
    counts(out, "bytesReadByRegion", costs.bytesReadByRegion());
    counts(out, "bytesWrittenByRegion", costs.bytesWrittenByRegion());
    counts(out, "bytesReadByBlob", costs.bytesReadByBlob());
    counts(out, "bytesWrittenByBlob", costs.bytesWrittenByBlob());
    out.put("bytesHashed", costs.bytesHashed());
    counts(out, "callsByOperation", costs.callsByOperation());
    out.put("throttledCalls", costs.throttledCalls());
    out.put("modelledSeconds", costs.modelledSeconds());
    return out;
  }

  public static CallerCosts callerCosts(JsonNode node) {
    return new CallerCosts(
        counts(node, "bytesReadByRegion"),
        counts(node, "bytesWrittenByRegion"),
        counts(node, "bytesReadByBlob"),
        counts(node, "bytesWrittenByBlob"),
        requireLong(node, "bytesHashed"),
        counts(node, "callsByOperation"),
        requireLong(node, "throttledCalls"),
        ArmJson.requireNumber(node, "modelledSeconds"));
  }

  private static void counts(ObjectNode out, String field, Map<String, Long> counts) {
    ObjectNode object = out.putObject(field);
    new TreeMap<>(counts).forEach(object::put);
  }

  private static Map<String, Long> counts(JsonNode node, String field) {
    JsonNode object = ArmJson.requireObject(node, field);
    Map<String, Long> counts = new TreeMap<>();
    object.fieldNames().forEachRemaining(key -> counts.put(key, requireLong(object, key)));
    return counts;
  }
}
