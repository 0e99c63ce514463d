package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ComputeApi;
import dev.reprotect.azure.LongOperation;
import dev.reprotect.azure.LongOperationsApi;
import dev.reprotect.azure.StorageApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulator's long-running operations: each runs on a thread of its own, taking the time the
 * latency model gives it, while the caller polls; the newest {@link #KEPT} are remembered, in
 * memory only, so a simulator opened again has forgotten the ones in flight (as the service forgets
 * them when it restarts).
 */
final class SimLongOperations implements LongOperationsApi, AutoCloseable {
  static final int KEPT = 10_000;

  private final ComputeApi compute;
  private final StorageApi storage;
  private final ExecutorService runners =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "sim-long-operation");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, CompletableFuture<Void>> operations =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
          return size() > KEPT;
        }
      };

  SimLongOperations(ComputeApi compute, StorageApi storage) {
    this.compute = compute;
    this.storage = storage;
  }

  @Override
  public LongOperation beginDeleteVirtualMachine(Caller caller, String resourceGroup, String name) {
    return begin(() -> compute.deleteVirtualMachine(caller, resourceGroup, name));
  }

  @Override
  public LongOperation beginCopyBlob(Caller caller, BlobRef from, BlobRef to) {
    return begin(() -> storage.copyBlob(caller, from, to));
  }

  @Override
  public LongOperation.State state(LongOperation operation) {
    if (operation.endedWhenAccepted()) {
      return LongOperation.State.Succeeded;
    }
    CompletableFuture<Void> running;
    synchronized (operations) {
      running = operations.get(operation.id());
    }
    if (running == null) {
      return LongOperation.State.Forgotten;
    }
    if (!running.isDone()) {
      return LongOperation.State.Running;
    }
    try {
      running.join();
      return LongOperation.State.Succeeded;
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof AzureException azure) {
        throw azure;
      }
      throw new AzureException(
          AzureErrorCode.InternalServerError, "the operation failed: " + failed.getCause());
    }
  }

  private LongOperation begin(Runnable work) {
    String id = UUID.randomUUID().toString();
    CompletableFuture<Void> running = CompletableFuture.runAsync(work, runners);
    synchronized (operations) {
      operations.put(id, running);
    }
    return new LongOperation(id);
  }

  @Override
  public void close() {
    runners.shutdownNow();
  }
}
