package dev.reprotect.azure.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ARM's long-running operations: a 202 with {@code Azure-AsyncOperation} (the status to poll) and
 * {@code Location} (the result once done); the status body reads {@code InProgress}, then {@code
 * Succeeded} or {@code Failed} with an error.
 */
public final class ArmOperations {
  public static final String ASYNC_OPERATION_HEADER = "Azure-AsyncOperation";
  public static final String LOCATION_HEADER = "Location";
  public static final String RETRY_AFTER_HEADER = "Retry-After";

  /** Azure's finer Retry-After, in milliseconds; read before {@link #RETRY_AFTER_HEADER}. */
  public static final String RETRY_AFTER_MS_HEADER = "retry-after-ms";

  public static final String CORRELATION_HEADER = "x-ms-correlation-request-id";

  /** A page write's transactional content hash (base64 MD5 of the body), checked on arrival. */
  public static final String CONTENT_MD5_HEADER = "Content-MD5";

  public static final String REQUEST_ID_HEADER = "x-ms-request-id";

  public static final String IN_PROGRESS = "InProgress";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  private ArmOperations() {}

  /** The status body; {@code error} is an ARM error body or null. */
  public static ObjectNode status(
      String operationId, String status, String startTime, String endTime, ObjectNode error) {
    ObjectNode out = ArmJson.object();
    out.put("name", operationId);
    out.put("status", status);
    out.put("startTime", startTime);
    if (endTime != null) {
      out.put("endTime", endTime);
    }
    if (error != null) {
      out.set("error", error.get("error"));
    }
    return out;
  }

  public static String statusOf(JsonNode statusBody) {
    return ArmJson.requireText(statusBody, "status");
  }

  /** The error of a failed operation, as an ARM error body. */
  public static ObjectNode errorOf(JsonNode statusBody) {
    ObjectNode body = ArmJson.object();
    body.set("error", statusBody.get("error"));
    return body;
  }
}
