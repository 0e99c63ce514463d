package dev.reprotect.azure.service;

import static dev.reprotect.azure.service.AzureBackendContract.block;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.azure.service.FaultPolicy.Kind;
import dev.reprotect.azure.service.FaultPolicy.Settings;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code corrupt} fault kind of the service: handed to the simulator's data plane, where the
 * rate is the share of blocks crossing regions that arrive corrupted; no request faults for it.
 */
class CorruptFaultTest {
  private static final String TOKEN = "corrupt-token";
  private static final String EAST = "eastasia";
  private static final String SOUTHEAST = "southeastasia";
  private static final int BLOCK_SIZE = 4096;
  private static final int BLOCKS = 64;
  private static final Caller CALLER = Caller.of("corrupt-test");

  @TempDir Path dataDir;
  private SimulatedAzure sim;
  private FaultPolicy faults;
  private AzureService service;
  private AzureBackend azure;
  private RawArmClient raw;

  @BeforeEach
  void setUp() {
    sim = SimulatedAzure.inDirectory(dataDir, BLOCK_SIZE).withRegion(EAST).withRegion(SOUTHEAST);
    faults = FaultPolicy.forSimulator(sim, Settings.none());
    service = AzureService.start(AzureService.LOOPBACK, 0, TOKEN, sim, faults);
    azure = new HttpAzureBackend(URI.create("http://127.0.0.1:" + service.port()), TOKEN, 0);
    raw = new RawArmClient(service.port());
  }

  @AfterEach
  void tearDown() {
    azure.close();
    service.close();
    sim.close();
  }

  @Test
  void corruptSetThroughTheAdminEndpointCorruptsThatShareOfTheBlocksAndNoRequest()
      throws Exception {
    HttpResponse<String> set =
        raw.send(
            "PUT", "/admin/faults", TOKEN, "{\"rate\":0.5,\"kinds\":[\"corrupt\"],\"seed\":3}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(faults.settings().corruptionRate()).isEqualTo(0.5);

    BlobRef source = blob("stse", SOUTHEAST);
    BlobRef replica = blob("steast", EAST);
    for (long i = 0; i < BLOCKS; i++) {
      azure.storage().writeBlock(CALLER, source, i, block(i));
    }
    List<Long> all = LongStream.range(0, BLOCKS).boxed().toList();
    BlockTransfer transfer = azure.storage().transferBlocks(CALLER, source, replica, all);

    assertThat(transfer.corruptedBlocks()).hasSizeBetween(BLOCKS / 4, 3 * BLOCKS / 4);
    assertThat(transfer.blocksCopied()).isEqualTo(BLOCKS - transfer.corruptedBlocks().size());
    // A corrupted block is not kept: the replica holds the source's bytes or nothing.
    for (long index : all) {
      assertThat(azure.storage().readBlock(CALLER, replica, index))
          .as("block %d", index)
          .isEqualTo(
              transfer.corruptedBlocks().contains(index) ? new byte[BLOCK_SIZE] : block(index));
    }
    JsonNode settings = ArmJson.parse(raw.send("GET", "/admin/faults", TOKEN, null).body());
    assertThat(settings.path("kinds").toString()).isEqualTo("[\"corrupt\"]");
    assertThat(settings.path("injected").path("corrupt").asLong())
        .isEqualTo(transfer.corruptedBlocks().size());
    assertThat(faults.injected()).containsOnlyKeys(Kind.CORRUPT);
  }

  @Test
  void allIsEveryRequestKindAndCorruptOnlyByName() {
    assertThat(FaultPolicy.parseKinds("all"))
        .doesNotContain(Kind.CORRUPT)
        .isEqualTo(EnumSet.complementOf(EnumSet.of(Kind.CORRUPT)));
    assertThat(FaultPolicy.parseKinds("corrupt,throttle"))
        .containsExactlyInAnyOrder(Kind.CORRUPT, Kind.THROTTLE);
    assertThat(Settings.none().withRate(1).corruptionRate()).isZero();
  }

  @Test
  void corruptIsRefusedOverABackendThatIsNotTheSimulator() throws Exception {
    FaultPolicy plain = FaultPolicy.none();
    try (AzureService other = AzureService.start(AzureService.LOOPBACK, 0, TOKEN, sim, plain)) {
      HttpResponse<String> refused =
          new RawArmClient(other.port())
              .send("PUT", "/admin/faults", TOKEN, "{\"rate\":0.5,\"kinds\":[\"corrupt\"]}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(plain.settings().rate()).as("a refused change changes nothing").isZero();
    }
  }

  private BlobRef blob(String account, String region) {
    String group = "rg-" + region;
    azure.resources().createResourceGroup(CALLER, new ResourceGroup(group, region));
    azure
        .storage()
        .createStorageAccount(
            CALLER, new StorageAccount(account, group, region, StorageAccount.KIND, Map.of()));
    BlobRef ref = new BlobRef(account, "vhds", "disk.vhd");
    azure.storage().createPageBlob(CALLER, ref, (long) BLOCKS * BLOCK_SIZE);
    return ref;
  }
}
