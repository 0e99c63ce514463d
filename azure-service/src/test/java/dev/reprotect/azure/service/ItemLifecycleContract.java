package dev.reprotect.azure.service;

import static dev.reprotect.azure.ProtectionState.EnableFailed;
import static dev.reprotect.azure.ProtectionState.EnablingProtection;
import static dev.reprotect.azure.ProtectionState.FailedOver;
import static dev.reprotect.azure.ProtectionState.FailingOver;
import static dev.reprotect.azure.ProtectionState.FailoverCommitted;
import static dev.reprotect.azure.ProtectionState.FailoverFailed;
import static dev.reprotect.azure.ProtectionState.Protected;
import static dev.reprotect.azure.ProtectionState.ReprotectFailed;
import static dev.reprotect.azure.ProtectionState.Reprotecting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.RunningOperation;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The item's state machine (ItemLifecycle's table) as the backend enforces it on every claim and
 * release; the same assertions run against the simulator and through HTTP.
 */
abstract class ItemLifecycleContract extends BackendContractBase {
  @Test
  void anItemGoesRoundItsLifecycleOneOperationAtATime() {
    item();
    assertThat(run("Reprotect", Reprotecting, Protected)).isEqualTo(Protected);
    assertThat(run("Failover", FailingOver, FailedOver)).isEqualTo(FailedOver);
    assertThat(run("ChangeRecoveryPoint", FailedOver, FailedOver)).isEqualTo(FailedOver);
    assertThat(run("CommitFailover", FailedOver, FailoverCommitted)).isEqualTo(FailoverCommitted);
    assertThat(run("Reprotect", Reprotecting, ReprotectFailed)).isEqualTo(ReprotectFailed);
    assertThat(run("Reprotect", Reprotecting, Protected)).isEqualTo(Protected);
    assertThat(run("Failover", FailingOver, FailoverFailed)).isEqualTo(FailoverFailed);
    assertThat(run("Failover", FailingOver, FailedOver))
        .as("a failed failover is re-run")
        .isEqualTo(FailedOver);
  }

  @Test
  void everyOperationFromAStateItMayNotStartFromIsRefusedWithItsCodeAndChangesNothing() {
    refused(FailedOver, "Failover", FailingOver, AzureErrorCode.NotProtected);
    refused(FailoverCommitted, "Failover", FailingOver, AzureErrorCode.NotProtected);
    refused(ReprotectFailed, "TestFailover", Protected, AzureErrorCode.NotProtected);
    refused(Protected, "CommitFailover", FailedOver, AzureErrorCode.NotFailedOver);
    refused(FailoverCommitted, "ChangeRecoveryPoint", FailedOver, AzureErrorCode.NotFailedOver);
    refused(Protected, "Reprotect", Reprotecting, AzureErrorCode.AlreadyProtected);
    refused(FailedOver, "Reprotect", Reprotecting, AzureErrorCode.FailoverNotCommitted);
    refused(Protected, "EnableReplication", EnablingProtection, AzureErrorCode.AlreadyEnabled);
    refused(Protected, "Failover", FailedOver, AzureErrorCode.InvalidParameter);
    refused(Protected, "Shutdown", Protected, AzureErrorCode.InvalidParameter);
  }

  @Test
  void aReleaseIntoAStateTheOperationDoesNotEndInIsRefusedAndChangesNothing() {
    item();
    put(Protected);
    claim("Failover", FailingOver);
    unchangedBy(
        () ->
            azure
                .recoveryServices()
                .releaseOperation(
                    CALLER, "contoso", "web-01", "failover.contoso.web-01", "run-1", EnableFailed),
        AzureErrorCode.InvalidParameter);
    unchangedBy(
        () ->
            azure
                .recoveryServices()
                .releaseStaleOperation(
                    CALLER, "contoso", "web-01", operation("Failover"), ReprotectFailed),
        AzureErrorCode.InvalidParameter);
  }

  @Test
  void aFailoverThatChangedNothingIsReleasedProtectedAgainAndNoOtherOperationIs() {
    item();
    put(Protected);

    assertThat(run("Failover", FailingOver, Protected)).isEqualTo(Protected);

    assertThat(
            azure
                .recoveryServices()
                .replicatedItem("contoso", "web-01")
                .orElseThrow()
                .runningOperation())
        .isNull();
    put(FailedOver);
    claim("ChangeRecoveryPoint", FailedOver);
    unchangedBy(() -> release("ChangeRecoveryPoint", Protected), AzureErrorCode.InvalidParameter);
  }

  @Test
  void aLaterRunTakesOverTheClaimItsEarlierRunLeftInTheRunningState() {
    item();
    put(Protected);
    ReplicatedItem left = claim("Failover", FailingOver);
    RunningOperation later =
        new RunningOperation("Failover", "failover.contoso.web-01", "run-2", Instant.EPOCH);

    ReplicatedItem taken =
        azure
            .recoveryServices()
            .claimOperation(
                CALLER, "contoso", "web-01", later, ItemClaimState.of(left), FailingOver);

    assertThat(taken.runningOperation()).isEqualTo(later);
    assertThat(taken.state()).isEqualTo(FailingOver);
  }

  /**
   * A drill is recorded by the claim of its test failover and outlives its release, failed or not:
   * only its cleanup's own record of the end (the item written under the cleanup's claim) ends it.
   */
  @Test
  void theClaimOfATestFailoverRecordsTheDrillUntilItsCleanupEndsIt() {
    item();
    put(Protected);
    assertThat(claim("TestFailover", Protected).testFailoverLive()).isTrue();
    assertThat(release("TestFailover", Protected).testFailoverLive())
        .as("the drill's copy may be up, whether its job succeeded or not")
        .isTrue();

    ReplicatedItem cleaning = claim("TestFailoverCleanup", Protected);
    assertThat(release("TestFailoverCleanup", Protected).testFailoverLive())
        .as("a cleanup released without its record of the end, as a failed one is")
        .isTrue();
    claim("TestFailoverCleanup", Protected);
    azure.recoveryServices().putReplicatedItem(CALLER, cleaning.withTestFailoverLive(false));
    assertThat(release("TestFailoverCleanup", Protected).testFailoverLive()).isFalse();
  }

  /**
   * While a drill is recorded, every operation but its cleanup is refused, from any state it could
   * otherwise start from; a cleanup with no drill is refused too.
   */
  @Test
  void whileADrillIsLiveEveryOperationButItsCleanupIsRefusedAndChangesNothing() {
    item();
    put(Protected);
    claim("TestFailover", Protected);
    release("TestFailover", Protected);
    refusedWithDrill(Protected, "Failover", FailingOver);
    refusedWithDrill(Protected, "TestFailover", Protected);
    refusedWithDrill(FailoverFailed, "Failover", FailingOver);
    refusedWithDrill(FailedOver, "CommitFailover", FailedOver);
    refusedWithDrill(FailedOver, "ChangeRecoveryPoint", FailedOver);
    refusedWithDrill(FailoverCommitted, "Reprotect", Reprotecting);
    refusedWithDrill(ReprotectFailed, "Reprotect", Reprotecting);
    refusedWithDrill(EnableFailed, "EnableReplication", EnablingProtection);

    put(Protected);
    ReplicatedItem withoutDrill =
        azure
            .recoveryServices()
            .replicatedItem("contoso", "web-01")
            .orElseThrow()
            .withTestFailoverLive(false);
    azure.recoveryServices().putReplicatedItem(CALLER, withoutDrill);
    unchangedBy(() -> claim("TestFailoverCleanup", Protected), AzureErrorCode.NoTestFailover);
  }

  /**
   * A ransomware recovery to the oldest clean point: the failover claims the item, then chooses p1.
   * A cycle that prunes meanwhile deletes nothing (the claim may be choosing), then never p1 (the
   * choice is pinned); the failover's end releases the pin with the claim.
   */
  @Test
  void aPointAFailoverChoseIsNeverPrunedAndNothingIsWhileTheItemIsClaimed() {
    withPoints("p1", "p2", "p3");
    claim("Failover", FailingOver);

    RecoveryPointPruning whileClaimed = prune("p1", "p2");
    assertThat(whileClaimed.deleted()).isEmpty();
    assertThat(whileClaimed.kept()).containsExactly("p1", "p2");
    assertThat(whileClaimed.keptBecause()).contains("failover.contoso.web-01");

    assertThat(pin("Failover", "p1").pinnedRecoveryPoint()).isEqualTo("p1");
    assertThat(prune("p1", "p2").deleted()).isEmpty();
    assertThat(pointIds()).containsExactly("p1", "p2", "p3");

    assertThat(release("Failover", FailoverFailed).pinnedRecoveryPoint()).isNull();
    assertThat(prune("p1", "p2").deleted()).containsExactly("p1", "p2");
    assertThat(pointIds()).containsExactly("p3");
  }

  /** A drill's point stays pinned after its job, while its copy may run, until its cleanup. */
  @Test
  void aLiveTestFailoversPointIsKeptUntilItsCleanupEndsTheDrill() {
    withPoints("p1", "p2", "p3");
    claim("TestFailover", Protected);
    pin("TestFailover", "p1");
    assertThat(release("TestFailover", Protected).pinnedRecoveryPoint()).isEqualTo("p1");

    RecoveryPointPruning pruning = prune("p1", "p2");
    assertThat(pruning.deleted()).containsExactly("p2");
    assertThat(pruning.kept()).containsExactly("p1");
    assertThat(pruning.keptBecause()).contains("test failover");
    assertThat(pointIds()).containsExactly("p1", "p3");

    ReplicatedItem cleaning = claim("TestFailoverCleanup", Protected);
    azure.recoveryServices().putReplicatedItem(CALLER, cleaning.withTestFailoverLive(false));
    assertThat(release("TestFailoverCleanup", Protected).pinnedRecoveryPoint()).isNull();
    assertThat(prune("p1").deleted()).containsExactly("p1");
    assertThat(pointIds()).containsExactly("p3");
  }

  @Test
  void onlyTheClaimHolderPinsAndOnlyAPointTheItemHasAndARefusalChangesNothing() {
    withPoints("p1");
    unchangedBy(() -> pin("Failover", "p1"), AzureErrorCode.ItemChanged);
    claim("Failover", FailingOver);
    unchangedBy(() -> pin("TestFailover", "p1"), AzureErrorCode.ItemChanged);
    unchangedBy(() -> pin("Failover", "p9"), AzureErrorCode.ResourceNotFound);
  }

  /** A Protected item with a replica disk and the points {@code ids}, oldest first. */
  private void withPoints(String... ids) {
    ReplicatedItem item = item();
    BlobRef replica = new BlobRef("steast", "replicas", "web-01-os.vhd");
    account("steast", RG_EAST, EAST);
    azure.storage().createPageBlob(CALLER, replica, 4L * BLOCK_SIZE);
    azure
        .recoveryServices()
        .putReplicatedItem(
            CALLER,
            item.withReplicationTo(
                item.target(),
                item.source().network(),
                null,
                List.of(new ReplicaDisk("os", "web-01-osdisk", replica)),
                item.reprotectCycles()));
    put(Protected);
    for (String id : ids) {
      azure
          .recoveryServices()
          .createRecoveryPoint(
              CALLER, "contoso", "web-01", id, RecoveryPointType.CrashConsistent, null);
    }
  }

  private ReplicatedItem pin(String type, String pointId) {
    return azure
        .recoveryServices()
        .pinRecoveryPoint(CALLER, "contoso", "web-01", operation(type).id(), pointId);
  }

  private RecoveryPointPruning prune(String... ids) {
    return azure.recoveryServices().pruneRecoveryPoints(CALLER, "contoso", "web-01", List.of(ids));
  }

  private List<String> pointIds() {
    return azure.recoveryServices().recoveryPoints("contoso", "web-01").stream()
        .map(RecoveryPoint::id)
        .sorted()
        .toList();
  }

  private void refusedWithDrill(ProtectionState state, String type, ProtectionState running) {
    put(state);
    unchangedBy(() -> claim(type, running), AzureErrorCode.TestFailoverInProgress);
  }

  private ReplicatedItem release(String type, ProtectionState end) {
    return azure
        .recoveryServices()
        .releaseOperation(CALLER, "contoso", "web-01", operation(type).id(), "run-1", end);
  }

  /** Claims and releases one operation; returns the state it left the item in. */
  private ProtectionState run(String type, ProtectionState running, ProtectionState end) {
    assertThat(claim(type, running).state()).isEqualTo(running);
    return azure
        .recoveryServices()
        .releaseOperation(CALLER, "contoso", "web-01", operation(type).id(), "run-1", end)
        .state();
  }

  private ReplicatedItem claim(String type, ProtectionState running) {
    ReplicatedItem item =
        azure.recoveryServices().replicatedItem("contoso", "web-01").orElseThrow();
    return azure
        .recoveryServices()
        .claimOperation(
            CALLER, "contoso", "web-01", operation(type), ItemClaimState.of(item), running);
  }

  private void refused(
      ProtectionState state, String type, ProtectionState running, AzureErrorCode code) {
    if (azure.recoveryServices().replicatedItem("contoso", "web-01").isEmpty()) {
      item();
    }
    put(state);
    unchangedBy(() -> claim(type, running), code);
  }

  private void unchangedBy(ThrowingCallable request, AzureErrorCode code) {
    String before = azure.exportState();
    List<ActivityLogEntry> log = azure.metering().activityLog();
    assertCode(request, code);
    assertThat(azure.exportState()).as("a refusal changes no state").isEqualTo(before);
    assertThat(azure.metering().activityLog()).as("a refusal logs nothing").isEqualTo(log);
  }

  private void put(ProtectionState state) {
    ReplicatedItem item =
        azure.recoveryServices().replicatedItem("contoso", "web-01").orElseThrow();
    azure.recoveryServices().putReplicatedItem(CALLER, item.withRunningOperation(null, state));
  }

  private static RunningOperation operation(String type) {
    String id = type.toLowerCase() + ".contoso.web-01";
    return new RunningOperation(type, id, "run-1", Instant.EPOCH);
  }
}
