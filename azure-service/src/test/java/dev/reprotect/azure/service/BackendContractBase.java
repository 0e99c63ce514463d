package dev.reprotect.azure.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the backend contracts share: a simulator with two regions and a resource group in
 * each, the backend under test in front of it, and the arrangements the tests use.
 */
abstract class BackendContractBase {
  static final String EAST = "eastasia";
  static final String SOUTHEAST = "southeastasia";
  static final int BLOCK_SIZE = 4096;
  static final Caller CALLER = Caller.of("contract-test");
  static final String RG_EAST = "rg-east";
  static final String RG_SE = "rg-se";

  @TempDir Path dataDir;
  SimulatedAzure sim;
  AzureBackend azure;

  private ServedSimulator served;

  /** The backend under test, in front of {@code sim}. */
  abstract AzureBackend open(SimulatedAzure sim);

  /** {@code sim} served over HTTP, and the client the test uses: closed after the test. */
  AzureBackend overHttp(SimulatedAzure sim) {
    served = ServedSimulator.serve(sim);
    return served.backend();
  }

  @BeforeEach
  void setUp() {
    sim = SimulatedAzure.inDirectory(dataDir, BLOCK_SIZE).withRegion(EAST).withRegion(SOUTHEAST);
    azure = open(sim);
    azure.resources().createResourceGroup(CALLER, new ResourceGroup(RG_EAST, EAST));
    azure.resources().createResourceGroup(CALLER, new ResourceGroup(RG_SE, SOUTHEAST));
  }

  @AfterEach
  void tearDown() {
    if (served != null) {
      served.close();
    }
    sim.close();
  }

  StorageAccount account(String name, String group, String region) {
    return azure
        .storage()
        .createStorageAccount(
            CALLER, new StorageAccount(name, group, region, StorageAccount.KIND, Map.of()));
  }

  /** A running VM with an OS disk and one data disk, both written, in an existing account. */
  VirtualMachine vm(
      String name,
      String group,
      String region,
      String account,
      String networkId,
      String availabilitySet) {
    BlobRef os = new BlobRef(account, "vhds", name + "-os.vhd");
    BlobRef data = new BlobRef(account, "vhds", name + "-data0.vhd");
    for (BlobRef disk : List.of(os, data)) {
      azure.storage().createPageBlob(CALLER, disk, 4L * BLOCK_SIZE);
      azure.storage().writeBlock(CALLER, disk, 0, block(disk.blob().hashCode()));
    }
    return azure
        .compute()
        .createVirtualMachine(
            CALLER,
            new VirtualMachine(
                group,
                name,
                region,
                PowerState.Running,
                new VmDisk(name + "-osdisk", null, os),
                List.of(new VmDisk(name + "-data0", 0, data)),
                networkId,
                availabilitySet));
  }

  /** The vault contoso and its item web-01, failed over to southeastasia and committed. */
  ReplicatedItem item() {
    azure.recoveryServices().createVault(CALLER, new Vault("contoso", RG_SE, SOUTHEAST));
    return azure
        .recoveryServices()
        .putReplicatedItem(
            CALLER,
            new ReplicatedItem(
                "contoso",
                "web-01",
                new ItemSide(EAST, RG_EAST, "steast"),
                new ItemSide(SOUTHEAST, RG_SE, "stse"),
                SOUTHEAST,
                ProtectionState.FailoverCommitted,
                new ReplicationPolicy("policy", 3, 120),
                "stcache",
                List.of(),
                null,
                true,
                false));
  }

  static void assertCode(ThrowingCallable request, AzureErrorCode code) {
    assertThatThrownBy(request)
        .isInstanceOfSatisfying(
            AzureException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  /** A block of pseudo-random bytes, the same for the same seed, never all zeros. */
  static byte[] block(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] block = new byte[BLOCK_SIZE];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (random.nextInt(255) + 1);
    }
    return block;
  }
}
