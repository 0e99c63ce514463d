package dev.reprotect.azure.sim;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ProviderBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/** The in-process simulated Azure: metadata in memory, disk blocks in files under a data dir. */
public final class SimulatedAzure extends ProviderBackend {
  /** One MiB: Azure aligns VHD sizes to it, and it keeps the hash lists of large disks short. */
  public static final int DEFAULT_BLOCK_SIZE = 1 << 20;

  private final World world;
  private final boolean ownsDataDir;
  private final SimGuestWorkload guests;
  private final SimLongOperations longOperations;

  private SimulatedAzure(World world, boolean ownsDataDir) {
    this(world, ownsDataDir, new SimGuestWorkload(world));
  }

  private SimulatedAzure(World world, boolean ownsDataDir, SimGuestWorkload guests) {
    this(
        world,
        ownsDataDir,
        guests,
        new SimLongOperations(new SimCompute(world), new SimStorage(world)));
  }

  private SimulatedAzure(
      World world, boolean ownsDataDir, SimGuestWorkload guests, SimLongOperations longOperations) {
    super(
        new SimResources(world),
        new SimNetwork(world),
        new SimStorage(world),
        new SimCompute(world),
        new SimRecoveryServices(world),
        new SimMetering(world),
        guests,
        longOperations);
    this.world = world;
    this.ownsDataDir = ownsDataDir;
    this.guests = guests;
    this.longOperations = longOperations;
  }

  /** A simulator whose blocks live in a temporary directory removed on close. */
  public static SimulatedAzure inTemporaryDirectory() {
    return inTemporaryDirectory(DEFAULT_BLOCK_SIZE);
  }

  public static SimulatedAzure inTemporaryDirectory(int blockSize) {
    try {
      Path dir = Files.createTempDirectory("reprotect-sim-");
      return new SimulatedAzure(new World(Clock.systemUTC(), blockSize, dir, Journal.none()), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A simulator in a temporary directory holding the world of a scenario. */
  public static SimulatedAzure seeded(Scenario scenario, int blockSize) {
    SimulatedAzure azure =
        inTemporaryDirectory(blockSize)
            .withRegion(scenario.sourceRegion())
            .withRegion(scenario.targetRegion());
    new ScenarioSeeder(azure).seed(scenario);
    return azure;
  }

  /**
   * A simulator whose blocks live under {@code dataDir}, which it leaves in place on close; its
   * metadata lives in memory only.
   */
  public static SimulatedAzure inDirectory(Path dataDir, int blockSize) {
    return new SimulatedAzure(
        new World(Clock.systemUTC(), blockSize, dataDir, Journal.none()), false);
  }

  /**
   * A durable simulator: its whole world lives under {@code dataDir} (metadata in SQLite, blocks in
   * files) and a simulator opened again on the same dir serves the same world. Each operation is
   * committed before it returns, so a crash loses no acknowledged change.
   */
  public static SimulatedAzure durable(Path dataDir, int blockSize) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SqliteJournal journal = SqliteJournal.open(dataDir, blockSize);
    World world = new World(Clock.systemUTC(), blockSize, dataDir, journal);
    journal.restore(world);
    return new SimulatedAzure(world, false);
  }

  /** Adds a region to the simulated cloud. */
  public SimulatedAzure withRegion(String name) {
    world.addRegion(name);
    return this;
  }

  /** Sets how long the simulated cloud takes; {@link LatencyModel#none()} is the default. */
  public SimulatedAzure withLatency(LatencyModel model) {
    world.latency = model;
    return this;
  }

  /**
   * Holds simulated time at what {@code nanos} says, whatever the time scale: a test sees the
   * disks' queues and ARM's request limits in simulated time it moves itself (at scale 0, the
   * default, simulated time runs infinitely fast and neither ever shows).
   */
  public SimulatedAzure holdingTime(LongSupplier nanos) {
    world.charges.holdTime(nanos);
    return this;
  }

  /** How long the simulated cloud takes now. */
  public LatencyModel latency() {
    return world.latency;
  }

  public FaultInjector faults() {
    return world.faults;
  }

  /**
   * Decay at rest: flips a bit of the stored bytes of block {@code index} of {@code blob}, behind
   * the metadata, as a failing disk would. Every blob of the region sharing that block (the
   * snapshots of a blob share its blocks) reads the damage; only a read of the bytes shows it.
   */
  public void damageAtRest(BlobRef blob, long index) {
    String region;
    String storedAs;
    synchronized (world) {
      BlobData data = world.blobs.get(World.blobKey(blob));
      storedAs = data == null ? null : data.hash(index);
      if (storedAs == null) {
        throw new IllegalArgumentException("block " + index + " of " + blob + " holds no data");
      }
      region = data.region;
    }
    world.blockStore(region).damage(storedAs);
  }

  @Override
  public String exportState() {
    return StateExport.of(world);
  }

  @Override
  public void close() {
    // The guests stop writing before the state they write to closes.
    guests.close();
    longOperations.close();
    world.journal.close();
    if (!ownsDataDir) {
      return;
    }
    try (Stream<Path> paths = Files.walk(world.dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
