package dev.reprotect.azure.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmOperations;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service as a raw HTTP client sees it: the token, the guards, ARM's shapes and LROs. */
class AzureServiceTest {
  private static final String TOKEN = "test-token";
  private static final String EAST = "eastasia";
  private static final int BLOCK_SIZE = 4096;
  private static final Caller CALLER = Caller.of("service-test");
  private static final String VM_PATH = ArmPaths.VIRTUAL_MACHINE.expand("rg-east", "web-01");
  private static final String RG_PATH = ArmPaths.RESOURCE_GROUP.expand("rg-new");

  @TempDir Path dataDir;
  private SimulatedAzure sim;
  private AzureService service;
  private RawArmClient client;
  private HttpClient http;

  @BeforeEach
  void setUp() {
    sim = SimulatedAzure.inDirectory(dataDir, BLOCK_SIZE).withRegion(EAST);
    sim.resources().createResourceGroup(CALLER, new ResourceGroup("rg-east", EAST));
    sim.storage()
        .createStorageAccount(
            CALLER, new StorageAccount("steast", "rg-east", EAST, StorageAccount.KIND, Map.of()));
    BlobRef os = new BlobRef("steast", "vhds", "web-01-os.vhd");
    sim.storage().createPageBlob(CALLER, os, 4L * BLOCK_SIZE);
    sim.compute()
        .createVirtualMachine(
            CALLER,
            new VirtualMachine(
                "rg-east",
                "web-01",
                EAST,
                PowerState.Running,
                new VmDisk("web-01-osdisk", null, os),
                List.of(),
                null,
                null));
    service = AzureService.start(0, TOKEN, sim);
    client = new RawArmClient(service.port());
    http = client.http();
  }

  @AfterEach
  void tearDown() {
    service.close();
    sim.close();
  }

  @Test
  void aRequestWithoutTheTokenIs401AndChangesNothing() throws Exception {
    String state = sim.exportState();
    // ("Bearer <token> " is the token: HTTP drops the whitespace around a header's value.)
    for (String authorization :
        new String[] {
          null,
          "Bearer wrong",
          "bearer " + TOKEN,
          TOKEN,
          "Bearer " + TOKEN + "x",
          "Bearer  " + TOKEN
        }) {
      HttpRequest.Builder request = request(RG_PATH).PUT(json("{\"location\":\"eastasia\"}"));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());

      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(errorCode(response)).isEqualTo("AuthenticationFailed");
      assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }
    assertThat(
            send("POST", ArmPaths.VIRTUAL_MACHINE_POWER_OFF.expand("rg-east", "web-01"), null, "{}")
                .statusCode())
        .isEqualTo(401);
    assertThat(sim.exportState()).isEqualTo(state);
  }

  @Test
  void aBlockWriteRefusedForItsPathIsAnsweredNotCutOff() throws Exception {
    // The refusal comes before the route reads the block: the answer must still reach a client
    // that is sending it, on every try (an unread body used to close the connection first).
    String state = sim.exportState();
    String path =
        "/subscriptions/"
            + ArmPaths.SUBSCRIPTION_ID
            + "/providers/Microsoft.Storage"
            + "/storageAccounts/steast/blobServices/default/containers/vhds/blobs/%2e%2e/blocks/0";
    for (int attempt = 0; attempt < 30; attempt++) {
      HttpResponse<String> response =
          http.send(
              request(path)
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/octet-stream")
                  .PUT(BodyPublishers.ofByteArray(new byte[64 * 1024]))
                  .build(),
              BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(errorCode(response)).isNotBlank();
    }
    assertThat(sim.exportState()).isEqualTo(state);
  }

  @Test
  void aTokenInAnotherCaseIs401EvenOnAConnectionThatCarriedTheToken() throws Exception {
    // The same client keeps its connection: the real token goes first, the variants after it.
    for (String authorization :
        new String[] {"bearer " + TOKEN, "BEARER " + TOKEN, "Bearer " + TOKEN.toUpperCase()}) {
      assertThat(send("GET", VM_PATH, TOKEN, null).statusCode()).isEqualTo(200);
      HttpResponse<String> response =
          http.send(
              request(VM_PATH).header("Authorization", authorization).build(),
              BodyHandlers.ofString());

      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(errorCode(response)).isEqualTo("AuthenticationFailed");
    }
  }

  record Hostile(String name, String method, String path, String body, int status, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Hostile> hostileRequests() {
    String rgs = ArmPaths.RESOURCE_GROUP.pattern().replace("{resourceGroup}", "");
    String block = ArmPaths.BLOB_BLOCK.expand("steast", "vhds", "web-01-os.vhd", "0");
    return Stream.of(
        new Hostile("malformed JSON", "PUT", RG_PATH, "{\"location\":", 400, "InvalidParameter"),
        new Hostile("a JSON array", "PUT", RG_PATH, "[]", 400, "InvalidParameter"),
        new Hostile(
            "a duplicate property",
            "PUT",
            RG_PATH,
            "{\"location\":\"eastasia\",\"location\":\"eastasia\"}",
            400,
            "InvalidParameter"),
        new Hostile(
            "a number for a string", "PUT", RG_PATH, "{\"location\":1}", 400, "InvalidParameter"),
        new Hostile(
            "a string for a number",
            "PUT",
            ArmPaths.BLOB.expand("steast", "vhds", "new.vhd"),
            "{\"properties\":{\"contentLength\":\"4096\"}}",
            400,
            "InvalidParameter"),
        new Hostile("a missing property", "PUT", RG_PATH, "{}", 400, "InvalidParameter"),
        new Hostile(
            "an unknown power state",
            "PUT",
            VM_PATH.replace("web-01", "web-02"),
            "{\"location\":\"eastasia\",\"properties\":{\"storageProfile\":{\"osDisk\":"
                + "{\"name\":\"os\",\"vhd\":{\"uri\":\"https://steast.blob.core.windows.net/"
                + "vhds/web-01-os.vhd\"}}},\"instanceView\":{\"statuses\":[{\"code\":"
                + "\"PowerState/exploded\"}]}}}",
            400,
            "InvalidParameter"),
        new Hostile(
            "an item without its properties",
            "PUT",
            ArmPaths.REPLICATED_ITEM.expand("contoso", "web-01"),
            "{\"properties\":{}}",
            400,
            "InvalidParameter"),
        new Hostile(
            "dot-dot as a name",
            "PUT",
            rgs + "..",
            "{\"location\":\"eastasia\"}",
            400,
            "InvalidRequestUri"),
        new Hostile(
            "dot-dot inside a path",
            "DELETE",
            ArmPaths.VIRTUAL_MACHINE.expand("rg-east", "x") + "/../web-01",
            null,
            400,
            "InvalidRequestUri"),
        new Hostile(
            "an encoded slash",
            "PUT",
            rgs + "a%2Fb",
            "{\"location\":\"eastasia\"}",
            400,
            "InvalidRequestUri"),
        new Hostile(
            "encoded dots",
            "DELETE",
            VM_PATH.replace("web-01", "%2e%2e"),
            null,
            400,
            "InvalidRequestUri"),
        new Hostile(
            "a double-encoded slash",
            "PUT",
            rgs + "a%252Fb",
            "{\"location\":\"eastasia\"}",
            400,
            "InvalidRequestUri"),
        new Hostile(
            "an empty segment",
            "PUT",
            rgs + "/x",
            "{\"location\":\"eastasia\"}",
            400,
            "InvalidRequestUri"),
        new Hostile(
            "an invalid name",
            "PUT",
            rgs + "bad%20name%21",
            "{\"location\":\"eastasia\"}",
            400,
            "InvalidResourceName"),
        new Hostile(
            "an unknown route",
            "PUT",
            "/subscriptions/other/resourceGroups/rg",
            "{\"location\":\"eastasia\"}",
            404,
            "NoRegisteredRoute"),
        new Hostile("an unknown method", "PATCH", VM_PATH, "{}", 404, "NoRegisteredRoute"),
        new Hostile(
            "an oversized JSON body",
            "PUT",
            RG_PATH,
            "{\"location\":\"eastasia\",\"pad\":\"" + "x".repeat(70_000) + "\"}",
            413,
            "RequestEntityTooLarge"),
        new Hostile(
            "an oversized block",
            "PUT",
            block,
            "x".repeat(BLOCK_SIZE + 1),
            413,
            "RequestEntityTooLarge"),
        new Hostile("a short block", "PUT", block, "x".repeat(10), 400, "InvalidParameter"),
        new Hostile(
            "a block index that is no number",
            "PUT",
            ArmPaths.BLOB_BLOCK.expand("steast", "vhds", "web-01-os.vhd", "one"),
            "x".repeat(BLOCK_SIZE),
            400,
            "InvalidParameter"));
  }

  @ParameterizedTest
  @MethodSource("hostileRequests")
  void aHostileRequestIsAnArmErrorAndChangesNothing(Hostile hostile) throws Exception {
    String state = sim.exportState();
    int logSize = sim.metering().activityLog().size();

    HttpResponse<String> response = send(hostile.method(), hostile.path(), TOKEN, hostile.body());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(hostile.status());
    assertThat(errorCode(response)).isEqualTo(hostile.code());
    assertThat(ArmJson.parse(response.body()).path("error").path("message").asText()).isNotBlank();
    assertThat(sim.exportState()).isEqualTo(state);
    assertThat(sim.metering().activityLog()).hasSize(logSize);
  }

  @Test
  void aPowerOffIsAcceptedAndPolledToSucceeded() throws Exception {
    HttpResponse<String> accepted =
        send("POST", ArmPaths.VIRTUAL_MACHINE_POWER_OFF.expand("rg-east", "web-01"), TOKEN, "{}");

    assertThat(accepted.statusCode()).isEqualTo(202);
    String statusUrl =
        accepted.headers().firstValue(ArmOperations.ASYNC_OPERATION_HEADER).orElseThrow();
    String resultUrl = accepted.headers().firstValue(ArmOperations.LOCATION_HEADER).orElseThrow();
    assertThat(statusUrl).startsWith("http://127.0.0.1:" + service.port() + "/subscriptions/");
    JsonNode status;
    do {
      Thread.sleep(5);
      status = ArmJson.parse(send("GET", URI.create(statusUrl).getRawPath(), TOKEN, null).body());
    } while (status.path("status").asText().equals("InProgress"));
    assertThat(status.path("status").asText()).isEqualTo("Succeeded");

    HttpResponse<String> result = send("GET", URI.create(resultUrl).getRawPath(), TOKEN, null);
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(ArmJson.parse(result.body()).at("/properties/instanceView/statuses/1/code").asText())
        .isEqualTo("PowerState/deallocated");
    assertThat(sim.compute().virtualMachine("rg-east", "web-01").orElseThrow().powerState())
        .isEqualTo(PowerState.Stopped);
  }

  @Test
  void aFailedOperationCarriesItsArmError() throws Exception {
    sim.resources().setRegionAvailable(CALLER, EAST, false);

    HttpResponse<String> accepted = send("DELETE", VM_PATH, TOKEN, null);
    assertThat(accepted.statusCode()).isEqualTo(202);
    String statusPath =
        URI.create(
                accepted.headers().firstValue(ArmOperations.ASYNC_OPERATION_HEADER).orElseThrow())
            .getRawPath();
    JsonNode status;
    do {
      Thread.sleep(5);
      status = ArmJson.parse(send("GET", statusPath, TOKEN, null).body());
    } while (status.path("status").asText().equals("InProgress"));

    assertThat(status.path("status").asText()).isEqualTo("Failed");
    assertThat(status.at("/error/code").asText()).isEqualTo("RegionUnavailable");
    assertThat(status.at("/error/target").asText()).isEqualTo(EAST);
    assertThat(sim.compute().virtualMachine("rg-east", "web-01")).isPresent();
  }

  @Test
  void deletingWhatIsGoneIs204AndAnUnknownOperationIs404() throws Exception {
    assertThat(send("DELETE", VM_PATH.replace("web-01", "gone"), TOKEN, null).statusCode())
        .isEqualTo(204);
    HttpResponse<String> unknown =
        send(
            "GET",
            ArmPaths.OPERATION_STATUS.expand("Microsoft.Compute", EAST, "no-such-operation"),
            TOKEN,
            null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(errorCode(unknown)).isEqualTo("ResourceNotFound");
  }

  @Test
  void anOutageIs503WithRetryAfterAndTheRegionAsTarget() throws Exception {
    sim.resources().setRegionAvailable(CALLER, EAST, false);

    HttpResponse<String> response = send("PUT", RG_PATH, TOKEN, "{\"location\":\"eastasia\"}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(errorCode(response)).isEqualTo("RegionUnavailable");
    assertThat(ArmJson.parse(response.body()).at("/error/target").asText()).isEqualTo(EAST);
  }

  @Test
  void resourcesHaveArmsShape() throws Exception {
    JsonNode vm = ArmJson.parse(send("GET", VM_PATH, TOKEN, null).body());

    assertThat(vm.path("id").asText())
        .isEqualTo(
            "/subscriptions/"
                + ArmPaths.SUBSCRIPTION_ID
                + "/resourceGroups/rg-east/providers/Microsoft.Compute/virtualMachines/web-01");
    assertThat(vm.path("name").asText()).isEqualTo("web-01");
    assertThat(vm.path("type").asText()).isEqualTo("Microsoft.Compute/virtualMachines");
    assertThat(vm.path("location").asText()).isEqualTo(EAST);
    assertThat(vm.at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(vm.at("/properties/storageProfile/osDisk/vhd/uri").asText())
        .isEqualTo("https://steast.blob.core.windows.net/vhds/web-01-os.vhd");
    JsonNode account =
        ArmJson.parse(
            send("GET", ArmPaths.STORAGE_ACCOUNT.expand("rg-east", "steast"), TOKEN, null).body());
    assertThat(account.path("kind").asText()).isEqualTo("StorageV2");
    assertThat(account.path("type").asText()).isEqualTo("Microsoft.Storage/storageAccounts");
    assertThat(
            send("GET", ArmPaths.STORAGE_ACCOUNT.expand("rg-other", "steast"), TOKEN, null)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void theCorrelationIdReachesTheActivityLog() throws Exception {
    HttpRequest request =
        request(RG_PATH)
            .header("Authorization", "Bearer " + TOKEN)
            .header(ArmOperations.CORRELATION_HEADER, "wf-1/activity-7/attempt-2")
            .PUT(json("{\"location\":\"eastasia\"}"))
            .build();

    assertThat(http.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(
            sim.metering()
                .activityLog()
                .get(sim.metering().activityLog().size() - 1)
                .correlationId())
        .isEqualTo("wf-1/activity-7/attempt-2");
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    return client.send(method, path, token, body);
  }

  private HttpRequest.Builder request(String path) {
    return client.request(path);
  }

  private static BodyPublisher json(String body) {
    return BodyPublishers.ofString(body);
  }

  private static String errorCode(HttpResponse<String> response) {
    return RawArmClient.errorCode(response);
  }
}
