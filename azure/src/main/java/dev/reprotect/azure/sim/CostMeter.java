package dev.reprotect.azure.sim;

import dev.reprotect.azure.CallerCosts;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each caller was charged, by correlation id, in memory ({@link TransferMeter} keeps the bytes
 * that crossed regions durably). Calls that name no caller (the reads of the API that take none)
 * are charged under the empty id: in every total, in no job's.
 */
final class CostMeter {
  /** One caller's charges; changed under its own monitor. */
  private static final class Tally {
    final Map<String, Long> readByRegion = new HashMap<>();
    final Map<String, Long> writtenByRegion = new HashMap<>();
    final Map<String, Long> readByBlob = new HashMap<>();
    final Map<String, Long> writtenByBlob = new HashMap<>();
    final Map<String, Long> calls = new HashMap<>();
    long hashed;
    long throttled;
    long modelledNanos;

    synchronized void addTo(Tally sum) {
      readByRegion.forEach((key, bytes) -> add(sum.readByRegion, key, bytes));
      writtenByRegion.forEach((key, bytes) -> add(sum.writtenByRegion, key, bytes));
      readByBlob.forEach((key, bytes) -> add(sum.readByBlob, key, bytes));
      writtenByBlob.forEach((key, bytes) -> add(sum.writtenByBlob, key, bytes));
      calls.forEach((key, count) -> add(sum.calls, key, count));
      sum.hashed += hashed;
      sum.throttled += throttled;
      sum.modelledNanos += modelledNanos;
    }

    CallerCosts costs() {
      return new CallerCosts(
          readByRegion,
          writtenByRegion,
          readByBlob,
          writtenByBlob,
          hashed,
          calls,
          throttled,
          modelledNanos / 1e9);
    }
  }

  private final Map<String, Tally> byCaller = new ConcurrentHashMap<>();

  void called(String correlationId, String operation, long modelledNanos) {
    Tally tally = tally(correlationId);
    synchronized (tally) {
      add(tally.calls, operation, 1);
      tally.modelledNanos += modelledNanos;
    }
  }

  void throttled(String correlationId) {
    Tally tally = tally(correlationId);
    synchronized (tally) {
      tally.throttled++;
    }
  }

  /** Bytes a blob's disk read and wrote for the caller, and the time the caller waited. */
  void moved(String correlationId, BlobIo io) {
    Tally tally = tally(correlationId);
    synchronized (tally) {
      if (io.bytesRead() > 0) {
        add(tally.readByRegion, io.region(), io.bytesRead());
        add(tally.readByBlob, io.blobKey(), io.bytesRead());
      }
      if (io.bytesWritten() > 0) {
        add(tally.writtenByRegion, io.region(), io.bytesWritten());
        add(tally.writtenByBlob, io.blobKey(), io.bytesWritten());
      }
    }
  }

  void waited(String correlationId, long modelledNanos) {
    Tally tally = tally(correlationId);
    synchronized (tally) {
      tally.modelledNanos += modelledNanos;
    }
  }

  void hashed(String correlationId, long bytes) {
    Tally tally = tally(correlationId);
    synchronized (tally) {
      tally.hashed += bytes;
    }
  }

  /** The charges of the callers whose correlation id starts with the prefix, summed. */
  CallerCosts costsBy(String correlationIdPrefix) {
    Tally sum = new Tally();
    byCaller.forEach(
        (id, tally) -> {
          if (id.startsWith(correlationIdPrefix)) {
            tally.addTo(sum);
          }
        });
    return sum.costs();
  }

  private Tally tally(String correlationId) {
    return byCaller.computeIfAbsent(correlationId, id -> new Tally());
  }

  private static void add(Map<String, Long> totals, String key, long count) {
    totals.merge(key, count, Long::sum);
  }
}
