package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One VM's guest writing to its disks on a daemon thread, at the spec's rate per disk in simulated
 * time: at time scale s > 0 a simulated second lasts s real seconds, at 0 (no latency model)
 * simulated time is real time. It writes whole blocks; while the VM does not run, or the guest
 * agent holds its writes, it writes nothing and owes nothing.
 */
final class GuestChurn {
  /** The longest the thread sleeps, so a change of the time scale is seen soon. */
  private static final long LONGEST_NAP_MILLIS = 100;

  /** A disk's own seed, derived from the spec's: the golden ratio spreads neighbouring seeds. */
  private static final long DISK_SEED_STEP = 0x9E3779B97F4A7C15L;

  final ChurnSpec spec;
  private final World world;
  private final SimGuestWorkload guest;
  private final String resourceGroup;
  private final String vm;
  private final String vmKey;
  private final Thread thread;
  private final Map<String, ChurnSequence> sequences = new HashMap<>();
  private final AtomicLong blocksWritten = new AtomicLong();
  private volatile boolean stopped;

  GuestChurn(World world, SimGuestWorkload guest, String resourceGroup, String vm, ChurnSpec spec) {
    this.world = world;
    this.guest = guest;
    this.resourceGroup = resourceGroup;
    this.vm = vm;
    this.vmKey = World.scopedKey(resourceGroup, vm);
    this.spec = spec;
    this.thread = new Thread(this::run, "churn-" + resourceGroup + "-" + vm);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Stops the thread and waits for it: no write of this churn lands after this returns. */
  void stop() {
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  ChurnStatus status() {
    long blocks = blocksWritten.get();
    return new ChurnStatus(spec, blocks, blocks * world.blockSize);
  }

  private void run() {
    double blocksPerSimulatedSecond = spec.megabytesPerSecondPerDisk() * 1e6 / world.blockSize;
    double owed = 0;
    long last = System.nanoTime();
    while (!stopped) {
      long now = System.nanoTime();
      double scale = world.latency.timeScale();
      double realSeconds = (now - last) / 1e9;
      last = now;
      VirtualMachine running = runningVm();
      if (running == null || world.holds.holdOf(vmKey) != null) {
        owed = 0;
      } else {
        double simulatedSeconds = scale == 0 ? realSeconds : realSeconds / scale;
        // Behind by at most a simulated second: a slow store lowers the rate, never bursts.
        owed =
            Math.min(
                owed + blocksPerSimulatedSecond * simulatedSeconds,
                Math.max(1, blocksPerSimulatedSecond));
        long due = (long) owed;
        owed -= writeRound(running, due);
      }
      double secondsToNextBlock = (1 - Math.min(owed, 1)) / blocksPerSimulatedSecond;
      nap((long) Math.ceil(secondsToNextBlock * (scale == 0 ? 1 : scale) * 1000));
    }
  }

  /** The VM while it runs; null while it is stopped or gone. */
  private VirtualMachine runningVm() {
    try {
      return guest.runningVm(resourceGroup, vm).orElse(null);
    } catch (AzureException gone) {
      return null;
    }
  }

  /** Writes up to {@code due} blocks on every disk; returns how many rounds it wrote. */
  private long writeRound(VirtualMachine running, long due) {
    byte[] data = new byte[world.blockSize];
    for (long round = 0; round < due; round++) {
      for (VmDisk disk : running.disks()) {
        if (stopped) {
          return round;
        }
        ChurnSequence sequence =
            sequences.computeIfAbsent(
                disk.slot(), slot -> new ChurnSequence(spec.pattern(), diskSeed(slot)));
        try {
          long block = sequence.nextBlock(guest.blockCount(disk.vhd()));
          sequence.nextBytes(data);
          guest.write(resourceGroup, vm, disk.slot(), block, data);
          blocksWritten.incrementAndGet();
        } catch (AzureException notNow) {
          // The VM stopped or went away meanwhile: the guest is not writing now.
          return due;
        }
      }
    }
    return due;
  }

  private long diskSeed(String slot) {
    return spec.seed() + DISK_SEED_STEP * (slot.hashCode() + 1L);
  }

  private synchronized void nap(long millis) {
    if (stopped) {
      return;
    }
    try {
      wait(Math.max(1, Math.min(LONGEST_NAP_MILLIS, millis)));
    } catch (InterruptedException e) {
      stopped = true;
    }
  }
}
