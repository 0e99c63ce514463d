package dev.reprotect.azure.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long the simulated cloud takes, in simulated time: a delay per operation, a disk throughput
 * for the bytes a blob reads and writes, and a storage copy rate for a blob copied within a region.
 * The time scale turns simulated time into real waits: 0 by default (tests run at full speed,
 * simulated time runs infinitely fast), 1 is the reference product's pace, and 0.001 shows its
 * proportions (the sync dominates a large reprotect) in seconds. {@link Charges} charges it.
 */
public record LatencyModel(
    double timeScale,
    double diskMegabytesPerSecond,
    double copyMegabytesPerSecond,
    Map<String, Duration> operationDelays) {

  /** A standard disk of the reference product: 60 MB/s. */
  public static final double STANDARD_DISK_MBPS = 60;

  /** A premium disk of the reference product: 200 MB/s. */
  public static final double PREMIUM_DISK_MBPS = 200;

  /**
   * A server-side copy between blobs of one region. Azure promises no rate for it (the copy is
   * asynchronous, best effort); 250 MB/s is what a copy within one storage scale unit reaches.
   */
  public static final double IN_REGION_COPY_MBPS = 250;

  /** A GET of one resource, as ARM answers it. */
  static final Duration GET = Duration.ofMillis(100);

  /** A list of resources: ARM pages through them. */
  static final Duration LIST = Duration.ofMillis(200);

  /** A GET of a blob's properties or a listing of a container, from the storage endpoint. */
  static final Duration BLOB_GET = Duration.ofMillis(20);

  /** One page request (a block read or written): the round trip, before the bytes. */
  static final Duration PAGE_REQUEST = Duration.ofMillis(5);

  /**
   * Azure's Snapshot Blob: a synchronous metadata operation of the storage endpoint, no bytes
   * copied; a cut takes one per disk while the guest holds its writes.
   */
  static final Duration SNAPSHOT = Duration.ofMillis(500);

  /** How long a caller waits for a guest agent that does not answer before it gives up. */
  static final Duration GUEST_AGENT_TIMEOUT = Duration.ofSeconds(30);

  public LatencyModel {
    if (timeScale < 0 || diskMegabytesPerSecond <= 0 || copyMegabytesPerSecond <= 0) {
      throw new IllegalArgumentException("the time scale is 0 or more, the throughputs positive");
    }
    operationDelays = Map.copyOf(operationDelays);
  }

  /** No time at all: every figure charged, nothing waited for. */
  public static LatencyModel none() {
    return reference(0, STANDARD_DISK_MBPS);
  }

  /**
   * The reference product's pace, scaled: control-plane operations take seconds to minutes (its
   * set-up adds 20 to 30 minutes to a reprotect), a GET a tenth of a second, data moves at the
   * disk's throughput.
   */
  public static LatencyModel reference(double timeScale, double diskMegabytesPerSecond) {
    Map<String, Duration> delays =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("createResourceGroup", Duration.ofSeconds(5)),
                Map.entry("createStorageAccount", Duration.ofSeconds(30)),
                Map.entry("createAvailabilitySet", Duration.ofSeconds(10)),
                Map.entry("deleteResourceGroup", Duration.ofSeconds(30)),
                Map.entry("deleteStorageAccount", Duration.ofSeconds(10)),
                Map.entry("deleteAvailabilitySet", Duration.ofSeconds(5)),
                Map.entry("createVirtualMachine", Duration.ofMinutes(3)),
                Map.entry("powerOff", Duration.ofMinutes(1)),
                Map.entry("start", Duration.ofMinutes(1)),
                Map.entry("deleteVirtualMachine", Duration.ofMinutes(2)),
                Map.entry("copyBlob", Duration.ofSeconds(30)),
                Map.entry("snapshotBlob", SNAPSHOT),
                Map.entry("holdWrites", Duration.ofSeconds(1)),
                Map.entry("releaseWrites", Duration.ofMillis(200)),
                Map.entry("guestAgentTimeout", GUEST_AGENT_TIMEOUT),
                Map.entry("claimOperation", Duration.ofSeconds(2)),
                Map.entry("releaseOperation", Duration.ofSeconds(2)),
                Map.entry("releaseStaleOperation", Duration.ofSeconds(2)),
                Map.entry("putReplicatedItem", Duration.ofSeconds(5)),
                Map.entry("deleteReplicatedItem", Duration.ofSeconds(5)),
                Map.entry("createRecoveryPoint", Duration.ofMinutes(1)),
                Map.entry("deleteRecoveryPoint", Duration.ofSeconds(5)),
                Map.entry("pruneRecoveryPoints", Duration.ofSeconds(5)),
                Map.entry("pinRecoveryPoint", Duration.ofSeconds(2)),
                Map.entry("recordReplicaCuts", Duration.ofSeconds(2)),
                Map.entry("recordScrub", Duration.ofSeconds(2)),
                Map.entry("recordCreatedResources", Duration.ofSeconds(2)),
                Map.entry("readBlock", PAGE_REQUEST),
                Map.entry("writeBlock", PAGE_REQUEST),
                Map.entry("blockHashes", Duration.ofMillis(200)),
                Map.entry("checksum", Duration.ofMillis(200)),
                Map.entry("recordedChecksum", Duration.ofMillis(200)),
                Map.entry("pageRanges", Duration.ofMillis(200)),
                Map.entry("pageRangesDiff", Duration.ofMillis(200)),
                Map.entry("transferBlocks", Duration.ofMillis(200))));
    RequestKind.GETS.forEach(get -> delays.put(get, GET));
    RequestKind.LISTS.forEach(list -> delays.put(list, LIST));
    RequestKind.BLOB_GETS.forEach(get -> delays.put(get, BLOB_GET));
    return new LatencyModel(timeScale, diskMegabytesPerSecond, IN_REGION_COPY_MBPS, delays);
  }

  /** The same model with another disk throughput: a slow (or fast) disk, set at runtime. */
  public LatencyModel withDiskMegabytesPerSecond(double megabytesPerSecond) {
    return new LatencyModel(timeScale, megabytesPerSecond, copyMegabytesPerSecond, operationDelays);
  }

  /** Any wait the model imposes, a Retry-After included, follows its time scale. */
  public Duration scaled(Duration duration) {
    return Duration.ofNanos((long) (duration.toNanos() * timeScale));
  }

  /** The simulated time an operation's call takes, before any bytes move. */
  public Duration delayOf(String operation) {
    return operationDelays.getOrDefault(operation, Duration.ZERO);
  }

  /** The simulated time {@code bytes} take through one disk. */
  public Duration diskTime(long bytes) {
    return atRate(bytes, diskMegabytesPerSecond);
  }

  /** The simulated time a copy of {@code bytes} within a region takes. */
  public Duration copyTime(long bytes) {
    return atRate(bytes, copyMegabytesPerSecond);
  }

  private static Duration atRate(long bytes, double megabytesPerSecond) {
    return Duration.ofNanos((long) (bytes / (megabytesPerSecond * 1e6) * 1e9));
  }
}
