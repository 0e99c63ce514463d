package dev.reprotect.azure.sim;

import dev.reprotect.azure.ProtectionState;

/**
 * The starting world of the demo and of the tests: a VM failed over from {@code targetRegion} to
 * {@code sourceRegion} and committed, its stale original left behind, and the variations that break
 * one prerequisite of reprotect each; or, {@code unprotected}, the VM before it was ever protected.
 */
public record Scenario(
    String vault,
    String vm,
    String sourceRegion,
    String targetRegion,
    int dataDisks,
    long diskSizeBytes,
    int allocatedPercent,
    int changedPercent,
    TargetVm targetVm,
    boolean inAvailabilitySet,
    long sourceDataDiskGrowthBytes,
    ProtectionState itemState,
    boolean migrationCompleted,
    SourceVm sourceVm,
    boolean targetRegionAvailable,
    boolean networkMapped,
    boolean itemBusy,
    long randomSeed,
    boolean unprotected) {

  /** The stale original VM on the target side, as the failover left it. */
  public enum TargetVm {
    Running,
    Stopped,
    Deleted
  }

  /** The active VM on the source side: where the vault recorded it, moved away, or gone. */
  public enum SourceVm {
    Present,
    Moved,
    Deleted
  }

  /** The recovery plan that every scenario's vault has, holding the scenario's VM. */
  public static final String RECOVERY_PLAN = "web-tier";

  /** The operation id that a busy item is running. */
  public static final String BUSY_OPERATION_ID = "failover.contoso.other";

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static final class Builder {
    private String vault = "contoso";
    private String vm = "web-01";
    private String sourceRegion = "southeastasia";
    private String targetRegion = "eastasia";
    private int dataDisks = 1;
    private long diskSizeBytes = 64L << 20;
    private int allocatedPercent = 25;
    private int changedPercent = 5;
    private TargetVm targetVm = TargetVm.Running;
    private boolean inAvailabilitySet;
    private long sourceDataDiskGrowthBytes;
    private ProtectionState itemState = ProtectionState.FailoverCommitted;
    private boolean migrationCompleted;
    private SourceVm sourceVm = SourceVm.Present;
    private boolean targetRegionAvailable = true;
    private boolean networkMapped = true;
    private boolean itemBusy;
    private long randomSeed = 42;
    private boolean unprotected;

    private Builder() {}

    private Builder(Scenario s) {
      vault = s.vault;
      vm = s.vm;
      sourceRegion = s.sourceRegion;
      targetRegion = s.targetRegion;
      dataDisks = s.dataDisks;
      diskSizeBytes = s.diskSizeBytes;
      allocatedPercent = s.allocatedPercent;
      changedPercent = s.changedPercent;
      targetVm = s.targetVm;
      inAvailabilitySet = s.inAvailabilitySet;
      sourceDataDiskGrowthBytes = s.sourceDataDiskGrowthBytes;
      itemState = s.itemState;
      migrationCompleted = s.migrationCompleted;
      sourceVm = s.sourceVm;
      targetRegionAvailable = s.targetRegionAvailable;
      networkMapped = s.networkMapped;
      itemBusy = s.itemBusy;
      randomSeed = s.randomSeed;
      unprotected = s.unprotected;
    }

    public Builder vault(String value) {
      vault = value;
      return this;
    }

    public Builder vm(String value) {
      vm = value;
      return this;
    }

    /** Swaps the regions: the VM then runs in the other region of the pair. */
    public Builder regions(String source, String target) {
      sourceRegion = source;
      targetRegion = target;
      return this;
    }

    public Builder dataDisks(int value) {
      dataDisks = value;
      return this;
    }

    public Builder diskSizeBytes(long value) {
      diskSizeBytes = value;
      return this;
    }

    public Builder allocatedPercent(int value) {
      allocatedPercent = value;
      return this;
    }

    public Builder changedPercent(int value) {
      changedPercent = value;
      return this;
    }

    public Builder targetVm(TargetVm value) {
      targetVm = value;
      return this;
    }

    public Builder inAvailabilitySet(boolean value) {
      inAvailabilitySet = value;
      return this;
    }

    public Builder sourceDataDiskGrowthBytes(long value) {
      sourceDataDiskGrowthBytes = value;
      return this;
    }

    public Builder itemState(ProtectionState value) {
      itemState = value;
      return this;
    }

    public Builder migrationCompleted(boolean value) {
      migrationCompleted = value;
      return this;
    }

    public Builder sourceVm(SourceVm value) {
      sourceVm = value;
      return this;
    }

    public Builder targetRegionAvailable(boolean value) {
      targetRegionAvailable = value;
      return this;
    }

    public Builder networkMapped(boolean value) {
      networkMapped = value;
      return this;
    }

    public Builder itemBusy(boolean value) {
      itemBusy = value;
      return this;
    }

    public Builder randomSeed(long value) {
      randomSeed = value;
      return this;
    }

    /**
     * A VM that was never protected: no item in the vault and no VM in the target region, the
     * network mapping and the target network in place, as before a first enable.
     */
    public Builder unprotected(boolean value) {
      unprotected = value;
      return this;
    }

    public Scenario build() {
      if (allocatedPercent < 0
          || allocatedPercent > 100
          || changedPercent < 0
          || changedPercent > 100) {
        throw new IllegalArgumentException("percentages are 0 to 100");
      }
      if (dataDisks < 0) {
        throw new IllegalArgumentException("a VM has 0 or more data disks");
      }
      return new Scenario(
          vault,
          vm,
          sourceRegion,
          targetRegion,
          dataDisks,
          diskSizeBytes,
          allocatedPercent,
          changedPercent,
          targetVm,
          inAvailabilitySet,
          sourceDataDiskGrowthBytes,
          itemState,
          migrationCompleted,
          sourceVm,
          targetRegionAvailable,
          networkMapped,
          itemBusy,
          randomSeed,
          unprotected);
    }
  }
}
