package dev.reprotect.azure.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;

/**
 * ARM's error body {@code {"error":{"code","message","target"}}} and the HTTP status of each error
 * code, for both ends: the service writes them, the client turns them back into the same {@link
 * AzureException}. The target of a {@code RegionUnavailable} is the region.
 */
public final class ArmErrors {
  /** Codes of failures that only HTTP has; the client reads them by their status. */
  public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";

  public static final String INVALID_REQUEST_CONTENT = "InvalidRequestContent";
  public static final String REQUEST_TOO_LARGE = "RequestEntityTooLarge";
  public static final String INVALID_REQUEST_URI = "InvalidRequestUri";
  public static final String NO_ROUTE = "NoRegisteredRoute";

  private ArmErrors() {}

  public static int status(AzureErrorCode code) {
    return switch (code) {
      case ResourceNotFound -> 404;
      case Conflict,
          StorageAccountAlreadyTaken,
          OperationInProgress,
          ItemChanged,
          NotProtected,
          NotFailedOver,
          AlreadyProtected,
          FailoverNotCommitted,
          AlreadyEnabled,
          TestFailoverInProgress,
          NoTestFailover,
          GuestAgentUnresponsive ->
          409;
      case InvalidResourceName, InvalidParameter, Md5Mismatch -> 400;
      case TooManyRequests -> 429;
      case RegionUnavailable -> 503;
      case InternalServerError -> 500;
    };
  }

  public static ObjectNode body(String code, String message, String target) {
    ObjectNode error = ArmJson.object();
    error.put("code", code);
    error.put("message", message == null ? code : message);
    if (target != null) {
      error.put("target", target);
    }
    ObjectNode body = ArmJson.object();
    body.set("error", error);
    return body;
  }

  public static ObjectNode body(AzureException e) {
    return body(e.code().name(), e.getMessage(), e.region());
  }

  /**
   * The exception an error answer stands for: the code of the body when it is one of {@link
   * AzureErrorCode}, else one chosen by the status (429 and 5xx stay transient).
   */
  public static AzureException toException(int status, JsonNode errorBody) {
    JsonNode error = errorBody == null ? null : errorBody.path("error");
    String code = error == null ? "" : error.path("code").asText("");
    String message = error == null ? "" : error.path("message").asText("");
    String target =
        error == null || !error.path("target").isTextual() ? null : error.path("target").asText();
    AzureErrorCode known = knownCode(code);
    if (known != null) {
      return new AzureException(
          known, message, known == AzureErrorCode.RegionUnavailable ? target : null);
    }
    String text =
        "HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + (message.isEmpty() ? "" : ": " + message);
    return new AzureException(byStatus(status), text);
  }

  private static AzureErrorCode byStatus(int status) {
    if (status == 429) {
      return AzureErrorCode.TooManyRequests;
    }
    if (status >= 500) {
      return AzureErrorCode.InternalServerError;
    }
    // Unknown routes and refused requests alike: a retry would not help.
    return AzureErrorCode.InvalidParameter;
  }

  private static AzureErrorCode knownCode(String code) {
    for (AzureErrorCode candidate : AzureErrorCode.values()) {
      if (candidate.name().equals(code)) {
        return candidate;
      }
    }
    return null;
  }
}
