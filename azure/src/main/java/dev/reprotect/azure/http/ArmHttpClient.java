package dev.reprotect.azure.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.LongOperation;
import dev.reprotect.azure.arm.ArmErrors;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmOperations;
import dev.reprotect.azure.arm.PathTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP side of the client: bearer token, correlation id, ARM errors back to {@link
 * AzureException}, and long-running operations polled to their end. A service that cannot be
 * reached is a transient {@code InternalServerError}, so an activity retries it.
 *
 * <p>Like Azure's own SDKs, the client retries a request that failed transiently (429, 5xx, a
 * connection dropped) a few times with a short backoff, honouring a short {@code Retry-After}:
 * every request of the API is idempotent, so a retry after a lost answer is harmless. A wait longer
 * than {@link #LONGEST_CLIENT_WAIT}, or a failure that outlasts the retries, is thrown to the
 * caller with its {@code Retry-After}, and the activity's retry policy takes over.
 */
final class ArmHttpClient {
  private static final String JSON = "application/json";
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration FIRST_POLL = Duration.ofMillis(5);
  private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

  /** Retries of a transiently failed request, as the Azure SDK's default retry policy has. */
  static final int DEFAULT_RETRIES = 3;

  private static final Duration FIRST_RETRY = Duration.ofMillis(50);

  /** A longer Retry-After is left to the activity's retry policy, which waits durably. */
  static final Duration LONGEST_CLIENT_WAIT = Duration.ofSeconds(5);

  private final HttpClient http;
  private final URI base;
  private final String authorization;
  private final int retries;

  ArmHttpClient(URI baseUrl, String token) {
    this(baseUrl, token, DEFAULT_RETRIES);
  }

  ArmHttpClient(URI baseUrl, String token, int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more");
    }
    this.retries = retries;
    String text = baseUrl.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.authorization = "Bearer " + token;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  JsonNode get(String path) {
    return get(null, path);
  }

  /** A GET on behalf of a caller: a read that costs something is metered to it. */
  JsonNode get(Caller caller, String path) {
    return json(send("GET", path, caller, BodyPublishers.noBody(), null));
  }

  /**
   * A GET of one resource: empty when the service answers ResourceNotFound, or when a name could
   * not be a path segment (no resource of the API has such a name).
   */
  Optional<JsonNode> find(PathTemplate template, String... names) {
    for (String name : names) {
      if (!PathTemplate.isSafeSegment(name)) {
        return Optional.empty();
      }
    }
    return find(template.expand(names));
  }

  Optional<JsonNode> find(String path) {
    HttpResponse<byte[]> response = exchange("GET", path, null, BodyPublishers.noBody(), null);
    if (response.statusCode() == 404) {
      JsonNode body = errorBody(response);
      if (body != null
          && AzureErrorCode.ResourceNotFound.name()
              .equals(body.path("error").path("code").asText())) {
        return Optional.empty();
      }
    }
    return Optional.of(json(finish(response)));
  }

  String getText(String path) {
    return new String(
        send("GET", path, null, BodyPublishers.noBody(), null), StandardCharsets.UTF_8);
  }

  byte[] getBytes(Caller caller, String path) {
    return send("GET", path, caller, BodyPublishers.noBody(), null);
  }

  JsonNode put(Caller caller, String path, JsonNode body) {
    return json(send("PUT", path, caller, json(body), JSON));
  }

  JsonNode post(Caller caller, String path, JsonNode body) {
    return json(send("POST", path, caller, json(body), JSON));
  }

  /** A PUT of bytes with their transactional content hash, which the service checks. */
  void putBytes(Caller caller, String path, byte[] data, String contentMd5) {
    send(
        "PUT",
        path,
        caller,
        BodyPublishers.ofByteArray(data),
        OCTET_STREAM,
        ArmOperations.CONTENT_MD5_HEADER,
        contentMd5);
  }

  void delete(Caller caller, String path) {
    send("DELETE", path, caller, BodyPublishers.noBody(), null);
  }

  /**
   * A DELETE of one resource; a name that could not be a path segment names no resource of the API,
   * so that resource is gone already and nothing is sent.
   */
  void delete(Caller caller, PathTemplate template, String... names) {
    for (String name : names) {
      if (!PathTemplate.isSafeSegment(name)) {
        return;
      }
    }
    delete(caller, template.expand(names));
  }

  /** Sends a request and returns the body of its answer, or of its operation's result. */
  private byte[] send(
      String method,
      String path,
      Caller caller,
      BodyPublisher body,
      String contentType,
      String... headers) {
    return finish(exchange(method, path, caller, body, contentType, headers));
  }

  private byte[] finish(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status == 202) {
      return awaitOperation(response);
    }
    if (status >= 200 && status < 300) {
      return response.body();
    }
    throw failure(response);
  }

  /** The error an answer stands for, with the Retry-After it carried. */
  private static AzureException failure(HttpResponse<byte[]> response) {
    AzureException e = ArmErrors.toException(response.statusCode(), errorBody(response));
    Duration wait = retryAfter(response);
    return wait == null ? e : e.withRetryAfter(wait);
  }

  /** {@code retry-after-ms}, else {@code Retry-After} in seconds; null without either. */
  static Duration retryAfter(HttpResponse<?> response) {
    Optional<String> millis = response.headers().firstValue(ArmOperations.RETRY_AFTER_MS_HEADER);
    try {
      if (millis.isPresent()) {
        return Duration.ofMillis(Math.max(0, Long.parseLong(millis.get().trim())));
      }
      return response
          .headers()
          .firstValue(ArmOperations.RETRY_AFTER_HEADER)
          .map(seconds -> Duration.ofSeconds(Math.max(0, Long.parseLong(seconds.trim()))))
          .orElse(null);
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static boolean transientStatus(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * Sends a request that may run long and returns its operation without waiting for it: the caller
   * polls it with {@link #state}.
   */
  LongOperation begin(String method, String path, Caller caller, JsonNode body) {
    HttpResponse<byte[]> response =
        body == null
            ? exchange(method, path, caller, BodyPublishers.noBody(), null)
            : exchange(method, path, caller, json(body), JSON);
    int status = response.statusCode();
    if (status == 202) {
      return new LongOperation(statusUrl(response));
    }
    if (status >= 200 && status < 300) {
      return LongOperation.ended();
    }
    throw failure(response);
  }

  /** One poll of an operation {@link #begin} returned. */
  LongOperation.State state(LongOperation operation) {
    return operation.endedWhenAccepted()
        ? LongOperation.State.Succeeded
        : poll(operation.id()).state();
  }

  /** How one poll found an operation, and how long the service asked to wait for the next. */
  private record Poll(LongOperation.State state, Duration retryAfter) {}

  private Poll poll(String statusUrl) {
    HttpResponse<byte[]> polled =
        exchange("GET", ownPath(statusUrl), null, BodyPublishers.noBody(), null);
    if (polled.statusCode() == 404) {
      // Operations live in the service's memory: one it forgot was cut short by a restart.
      return new Poll(LongOperation.State.Forgotten, null);
    }
    JsonNode status = json(finish(polled));
    return switch (ArmOperations.statusOf(status)) {
      case ArmOperations.SUCCEEDED -> new Poll(LongOperation.State.Succeeded, null);
      case ArmOperations.FAILED -> throw ArmErrors.toException(500, ArmOperations.errorOf(status));
      default ->
          new Poll(
              LongOperation.State.Running,
              polled
                  .headers()
                  .firstValue(ArmOperations.RETRY_AFTER_HEADER)
                  .map(ArmHttpClient::seconds)
                  .orElse(null));
    };
  }

  private static String statusUrl(HttpResponse<byte[]> accepted) {
    return accepted
        .headers()
        .firstValue(ArmOperations.ASYNC_OPERATION_HEADER)
        .orElseThrow(
            () ->
                new AzureException(
                    AzureErrorCode.InternalServerError,
                    "a 202 without an " + ArmOperations.ASYNC_OPERATION_HEADER + " header"));
  }

  /** Polls the Azure-AsyncOperation URL until the end, then fetches the Location's result. */
  private byte[] awaitOperation(HttpResponse<byte[]> accepted) {
    String statusUrl = statusUrl(accepted);
    Optional<String> resultUrl = accepted.headers().firstValue(ArmOperations.LOCATION_HEADER);
    Duration wait = FIRST_POLL;
    while (true) {
      Poll poll = poll(statusUrl);
      switch (poll.state()) {
        case Forgotten ->
            throw new AzureException(
                AzureErrorCode.InternalServerError,
                "the service lost operation " + statusUrl + " (it restarted); retry the request");
        case Succeeded -> {
          return resultUrl.isEmpty()
              ? new byte[0]
              : send("GET", ownPath(resultUrl.get()), null, BodyPublishers.noBody(), null);
        }
        case Running -> {
          sleep(poll.retryAfter() == null ? wait : poll.retryAfter());
          wait =
              wait.multipliedBy(2).compareTo(LONGEST_POLL) > 0
                  ? LONGEST_POLL
                  : wait.multipliedBy(2);
        }
      }
    }
  }

  /**
   * The path of a URL the service handed out; a URL to another host is refused (the token stays
   * home).
   */
  private String ownPath(String url) {
    URI uri = base.resolve(url);
    if (!uri.getScheme().equals(base.getScheme())
        || !uri.getHost().equals(base.getHost())
        || uri.getPort() != base.getPort()) {
      throw new AzureException(
          AzureErrorCode.InternalServerError, "the service pointed at another host: " + url);
    }
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /**
   * One request, retried up to {@code retries} times while it fails transiently and the wait asked
   * for is short. The last answer is returned (an error status is the caller's to throw); a
   * connection failure that outlasts the retries is thrown.
   */
  private HttpResponse<byte[]> exchange(
      String method,
      String path,
      Caller caller,
      BodyPublisher body,
      String contentType,
      String... headers) {
    Duration backoff = FIRST_RETRY;
    for (int attempt = 0; ; attempt++) {
      Duration wait;
      try {
        HttpResponse<byte[]> response = attempt(method, path, caller, body, contentType, headers);
        if (!transientStatus(response.statusCode()) || attempt >= retries) {
          return response;
        }
        Duration asked = retryAfter(response);
        wait = asked == null ? backoff : asked;
        if (wait.compareTo(LONGEST_CLIENT_WAIT) > 0) {
          return response;
        }
      } catch (AzureException unreachable) {
        if (attempt >= retries || Thread.currentThread().isInterrupted()) {
          throw unreachable;
        }
        wait = backoff;
      }
      sleep(wait);
      backoff = backoff.multipliedBy(2);
    }
  }

  /** {@code headers}: more headers, as name-value pairs. */
  private HttpResponse<byte[]> attempt(
      String method,
      String path,
      Caller caller,
      BodyPublisher body,
      String contentType,
      String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", authorization)
            .method(method, body);
    if (caller != null) {
      request.header(ArmOperations.CORRELATION_HEADER, caller.correlationId());
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AzureException(
          AzureErrorCode.InternalServerError,
          "the Azure service at " + base + " cannot be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzureException(
          AzureErrorCode.InternalServerError, "interrupted while calling the Azure service");
    }
  }

  private static BodyPublisher json(JsonNode body) {
    return BodyPublishers.ofString(ArmJson.write(body), StandardCharsets.UTF_8);
  }

  private static JsonNode json(byte[] body) {
    return ArmJson.parse(new String(body, StandardCharsets.UTF_8));
  }

  private static JsonNode errorBody(HttpResponse<byte[]> response) {
    try {
      return json(response.body());
    } catch (AzureException notJson) {
      return null;
    }
  }

  private static Duration seconds(String retryAfter) {
    try {
      return Duration.ofSeconds(Math.max(0, Math.min(60, Long.parseLong(retryAfter.trim()))));
    } catch (NumberFormatException e) {
      return LONGEST_POLL;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzureException(
          AzureErrorCode.InternalServerError, "interrupted while waiting for the Azure service");
    }
  }
}
