package dev.reprotect.activities.sync;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.sim.SimulatedAzure;
import io.temporal.testing.TestActivityEnvironment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

/**
 * One disk after a failover, with its lineage, as the failover leaves it: the stale disk in
 * eastasia with its snapshot in the cut the point was made from; the disk the failover created from
 * that point in southeastasia, with its base snapshot taken right after; then writes on both sides
 * (blocks of {@link #NEW_SIDE_WRITES} and {@link #STALE_SIDE_WRITES}, one written on both, one
 * cleared on each side), the reprotect's cut 0 of the new disk, and a write after that cut which
 * the sync must not carry. The sync activities run in a test activity environment.
 */
final class FailedOverDisk implements AutoCloseable {
  static final String STALE_REGION = "eastasia";
  static final String NEW_REGION = "southeastasia";
  static final int BLOCK_SIZE = 4096;
  static final int BLOCKS = 64;
  static final int BLOCKS_PER_RANGE = 16;

  /** Blocks with data at the cut the failover ran from, on both sides. */
  static final int BLOCKS_AT_THE_POINT = 40;

  /** Written (or, for 5, cleared) on the new side after its base; 10 on both sides. */
  static final List<Long> NEW_SIDE_WRITES = List.of(2L, 3L, 5L, 10L, 50L);

  /** Written (or, for 12, cleared) on the stale side after its cut; 10 on both sides. */
  static final List<Long> STALE_SIDE_WRITES = List.of(7L, 10L, 12L, 55L);

  /** Written on the new side after cut 0: the next cycle's. */
  static final long AFTER_CUT_0 = 20;

  /** The test's own calls, metered apart from the activities'. */
  private static final Caller WORLD = Caller.of("failed-over-disk");

  static final BlobRef STALE = new BlobRef("steast", "vhds", "web-01-os.vhd");
  static final BlobRef STALE_CUT = new BlobRef("steast", "cuts", "web-01.c7.os.vhd");
  static final BlobRef SEED = new BlobRef("steast", "reprotect-seed", "web-01-os.vhd");
  static final BlobRef REPLICA_BASE = new BlobRef("steast", "reprotect-seed", "web-01-os.base");
  static final BlobRef NEW = new BlobRef("stsoutheast", "vhds", "web-01-os.vhd");
  static final BlobRef NEW_BASE = new BlobRef("stsoutheast", "lineage", "web-01-os.base");
  static final BlobRef CUT_0 = new BlobRef("stsoutheast", "cuts", "web-01.r1.c0.os.vhd");

  final SimulatedAzure azure =
      SimulatedAzure.inTemporaryDirectory(BLOCK_SIZE)
          .withRegion(STALE_REGION)
          .withRegion(NEW_REGION);

  /** The seed's activity, whose heartbeats are its copy's and not a sync's progress. */
  private final TestActivityEnvironment seeding = TestActivityEnvironment.newInstance();

  private final TestActivityEnvironment syncing = TestActivityEnvironment.newInstance();

  /** The sync's heartbeats that reached the service. */
  final List<SyncProgress> heartbeats = new CopyOnWriteArrayList<>();

  final InitialSyncActivities seeder;
  final InitialSyncActivities sync;
  final PlannedDisk disk =
      new PlannedDisk("os", "web-01-os", (long) BLOCKS * BLOCK_SIZE, NEW, STALE, SEED, false, null);

  FailedOverDisk() {
    for (String region : List.of(STALE_REGION, NEW_REGION)) {
      azure.resources().createResourceGroup(WORLD, new ResourceGroup("rg-" + region, region));
      azure
          .storage()
          .createStorageAccount(
              WORLD,
              new StorageAccount(
                  "st" + region.replace("asia", ""),
                  "rg-" + region,
                  region,
                  StorageAccount.KIND,
                  Map.of()));
    }
    azure.storage().createPageBlob(WORLD, STALE, (long) BLOCKS * BLOCK_SIZE);
    for (long block = 0; block < BLOCKS_AT_THE_POINT; block++) {
      write(STALE, block, 1);
    }
    azure.storage().snapshotBlob(WORLD, STALE, STALE_CUT, Map.of("cut", "c7"));
    // The failover's disk from the point, which holds the cut; its base right after.
    azure.storage().copyBlob(WORLD, STALE_CUT, NEW);
    azure.storage().snapshotBlob(WORLD, NEW, NEW_BASE, Map.of());
    for (long block : NEW_SIDE_WRITES) {
      write(NEW, block, block == 5 ? 0 : 2);
    }
    for (long block : STALE_SIDE_WRITES) {
      write(STALE, block, block == 12 ? 0 : 3);
    }
    azure.storage().snapshotBlob(WORLD, NEW, CUT_0, Map.of("cut", "r1.c0"));
    write(NEW, AFTER_CUT_0, 4);

    InitialSyncActivitiesImpl activities = new InitialSyncActivitiesImpl(azure, BLOCKS_PER_RANGE);
    seeding.registerActivitiesImplementations(activities);
    seeder = seeding.newActivityStub(InitialSyncActivities.class, SyncTestWorld.OPTIONS);
    syncing.registerActivitiesImplementations(activities);
    syncing.setActivityHeartbeatListener(SyncProgress.class, heartbeats::add);
    sync = syncing.newActivityStub(InitialSyncActivities.class, SyncTestWorld.OPTIONS);
  }

  /** Writes {@code block} with bytes of the side's {@code generation}; 0 clears it. */
  private void write(BlobRef disk, long block, int generation) {
    byte[] data = new byte[BLOCK_SIZE];
    if (generation > 0) {
      Arrays.fill(data, (byte) (generation * 31 + block));
    }
    azure.storage().writeBlock(WORLD, disk, block, data);
  }

  SeedFromStaleCut seedInput() {
    return new SeedFromStaleCut(STALE_REGION, "web-01", disk, STALE_CUT, REPLICA_BASE);
  }

  ChangedBlockSync syncInput() {
    return new ChangedBlockSync(
        new DiskSyncInput("contoso", "web-01", NEW_REGION, STALE_REGION, disk, CUT_0),
        NEW_BASE,
        REPLICA_BASE);
  }

  /** A retry of the sync that resumes from {@code heartbeat}. */
  ChangedBlockSyncResult resumedFrom(SyncProgress heartbeat) {
    syncing.setHeartbeatDetails(heartbeat);
    return sync.syncChangedBlocks(syncInput());
  }

  /** The seed built, then the stale disk and its cut deleted, as the stale VM's deletion does. */
  void seededAndStaleVmDeleted() {
    seeder.seedFromStaleCut(seedInput());
    azure.storage().deleteBlob(WORLD, STALE);
    azure.storage().deleteBlob(WORLD, STALE_CUT);
  }

  /** SHA-256 over every block's bytes as read back from the blob, in index order. */
  String bytesOf(BlobRef blob) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      LongStream.range(0, BLOCKS)
          .forEach(block -> digest.update(azure.storage().readBlock(WORLD, blob, block)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code block} reads the same on both blobs. */
  boolean sameBytes(BlobRef a, BlobRef b, long block) {
    return Arrays.equals(
        azure.storage().readBlock(WORLD, a, block), azure.storage().readBlock(WORLD, b, block));
  }

  /** How many of {@code blocks} hold data on {@code blob}, read back from its bytes. */
  long withData(BlobRef blob, List<Long> blocks) {
    byte[] zeros = new byte[BLOCK_SIZE];
    return blocks.stream()
        .filter(block -> !Arrays.equals(azure.storage().readBlock(WORLD, blob, block), zeros))
        .count();
  }

  @Override
  public void close() {
    seeding.close();
    syncing.close();
    azure.close();
  }
}
