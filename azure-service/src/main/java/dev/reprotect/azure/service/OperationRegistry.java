package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.arm.ArmErrors;
import dev.reprotect.azure.arm.ArmOperations;
import dev.reprotect.azure.arm.ArmPaths;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running operations the service accepted: each runs on a worker thread, and its status
 * and result are kept (the newest {@link #KEPT} of them) for the client to poll.
 */
final class OperationRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperationRegistry.class);
  static final int KEPT = 10_000;
  private static final int WORKERS = 8;

  /** How an operation ended: the answer's body (null for none) or its failure. */
  record Outcome(JsonNode body, AzureException failure, Instant endTime) {}

  /** One accepted operation; its outcome is there once it ended. */
  record Operation(
      String id,
      String namespace,
      String location,
      Instant startTime,
      CompletableFuture<Outcome> outcome) {

    String statusUrl() {
      return ArmPaths.OPERATION_STATUS.expand(namespace, location, id);
    }

    String resultUrl() {
      return ArmPaths.OPERATION_RESULT.expand(namespace, location, id);
    }

    Optional<Outcome> ended() {
      return Optional.ofNullable(outcome.getNow(null));
    }

    ObjectNode status() {
      String start = startTime.toString();
      return ended()
          .map(
              done ->
                  done.failure() == null
                      ? ArmOperations.status(
                          id, ArmOperations.SUCCEEDED, start, done.endTime().toString(), null)
                      : ArmOperations.status(
                          id,
                          ArmOperations.FAILED,
                          start,
                          done.endTime().toString(),
                          ArmErrors.body(done.failure())))
          .orElseGet(() -> ArmOperations.status(id, ArmOperations.IN_PROGRESS, start, null, null));
    }
  }

  private final Clock clock;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          WORKERS,
          runnable -> {
            Thread thread = new Thread(runnable, "azure-service-operation");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Operation> operations =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Operation> eldest) {
          return size() > KEPT;
        }
      };

  OperationRegistry(Clock clock) {
    this.clock = clock;
  }

  Operation start(String namespace, String location, Supplier<JsonNode> work) {
    CompletableFuture<Outcome> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new Outcome(work.get(), null, clock.instant());
              } catch (AzureException e) {
                return new Outcome(null, e, clock.instant());
              } catch (RuntimeException e) {
                LOG.error("operation in {} failed", namespace, e);
                return new Outcome(
                    null,
                    new AzureException(
                        AzureErrorCode.InternalServerError,
                        "the operation failed: " + e.getClass().getSimpleName()),
                    clock.instant());
              }
            },
            workers);
    Operation operation =
        new Operation(UUID.randomUUID().toString(), namespace, location, clock.instant(), outcome);
    synchronized (operations) {
      operations.put(operation.id(), operation);
    }
    return operation;
  }

  Optional<Operation> find(String namespace, String location, String id) {
    synchronized (operations) {
      return Optional.ofNullable(operations.get(id))
          .filter(op -> op.namespace().equals(namespace) && op.location().equals(location));
    }
  }

  @Override
  public void close() {
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
