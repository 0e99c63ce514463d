package dev.reprotect.azure.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.azure.service.FaultPolicy.Kind;
import dev.reprotect.azure.service.FaultPolicy.Settings;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's fault layer and its admin endpoint, as a raw HTTP client sees them. */
class FaultPolicyTest {
  private static final String TOKEN = "fault-token";
  private static final String EAST = "eastasia";
  private static final Caller CALLER = Caller.of("fault-test");
  private static final String EXISTING_RG = ArmPaths.RESOURCE_GROUP.expand("rg-east");
  private static final String NEW_RG = ArmPaths.RESOURCE_GROUP.expand("rg-new");

  @TempDir Path dataDir;
  private SimulatedAzure sim;
  private FaultPolicy faults;
  private AzureService service;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void setUp() {
    sim = SimulatedAzure.inDirectory(dataDir, 4096).withRegion(EAST);
    sim.resources().createResourceGroup(CALLER, new ResourceGroup("rg-east", EAST));
    faults = FaultPolicy.forSimulator(sim, Settings.none());
    service = AzureService.start(AzureService.LOOPBACK, 0, TOKEN, sim, faults);
  }

  @AfterEach
  void tearDown() {
    service.close();
    sim.close();
  }

  private static Settings only(double rate, Kind kind) {
    return Settings.none().withRate(rate).withKinds(EnumSet.of(kind));
  }

  @Test
  void rateOneFaultsEveryRequestAndRateZeroNone() throws Exception {
    faults.update(only(1, Kind.ERROR));
    for (int i = 0; i < 20; i++) {
      assertThat(send("GET", EXISTING_RG, null).statusCode()).isEqualTo(500);
    }
    faults.update(only(0, Kind.ERROR));
    for (int i = 0; i < 20; i++) {
      assertThat(send("GET", EXISTING_RG, null).statusCode()).isEqualTo(200);
    }
    assertThat(faults.injected()).isEqualTo(Map.of(Kind.ERROR, 20L));
  }

  @Test
  void ratesPerRouteKindOverrideTheDefault() throws Exception {
    faults.update(only(1, Kind.ERROR).withRate(FaultPolicy.RouteKind.READ, 0));

    assertThat(send("GET", EXISTING_RG, null).statusCode()).isEqualTo(200);
    assertThat(send("PUT", NEW_RG, "{\"location\":\"eastasia\"}").statusCode()).isEqualTo(500);
    assertThat(sim.resources().resourceGroup("rg-new")).as("faulted before: not applied").isEmpty();
  }

  @Test
  void aThrottleIs429WithARetryAfterThatFollowsTheTimeScale() throws Exception {
    sim.withLatency(LatencyModel.reference(0.001, 60));
    faults.update(only(1, Kind.THROTTLE).withRetryAfter(Duration.ofSeconds(10)));

    HttpResponse<String> response = send("GET", EXISTING_RG, null);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(errorCode(response)).isEqualTo("TooManyRequests");
    assertThat(response.headers().firstValue("retry-after-ms")).hasValue("10");
    assertThat(response.headers().firstValue("Retry-After"))
        .as("whole seconds, rounded up")
        .hasValue("1");
  }

  @Test
  void aBackendOutageCarriesTheScaledRetryAfterToo() throws Exception {
    faults.update(Settings.none().withRetryAfter(Duration.ofSeconds(30)));
    sim.withLatency(LatencyModel.reference(0.01, 60));
    sim.resources().setRegionAvailable(CALLER, EAST, false);

    HttpResponse<String> response = send("PUT", NEW_RG, "{\"location\":\"eastasia\"}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("retry-after-ms")).hasValue("300");
  }

  @Test
  void aDroppedConnectionIsAnIoErrorAndAppliesNothing() {
    faults.update(only(1, Kind.DROP));

    assertThatThrownBy(() -> send("PUT", NEW_RG, "{\"location\":\"eastasia\"}"))
        .isInstanceOf(IOException.class);
    assertThat(sim.resources().resourceGroup("rg-new")).isEmpty();
  }

  @Test
  void aSlowAnswerStillAnswers() throws Exception {
    faults.update(only(1, Kind.SLOW).withSlowDelay(Duration.ofMillis(5)));

    assertThat(send("PUT", NEW_RG, "{\"location\":\"eastasia\"}").statusCode()).isEqualTo(200);
    assertThat(sim.resources().resourceGroup("rg-new")).isPresent();
    assertThat(faults.injected()).isEqualTo(Map.of(Kind.SLOW, 1L));
  }

  @Test
  void anErrorAfterTheRequestAppliesItAndLosesTheAnswer() throws Exception {
    faults.update(only(1, Kind.ERROR_AFTER));

    HttpResponse<String> response = send("PUT", NEW_RG, "{\"location\":\"eastasia\"}");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(errorCode(response)).isEqualTo("InternalServerError");
    assertThat(sim.resources().resourceGroup("rg-new")).as("applied all the same").isPresent();
  }

  @Test
  void aDropAfterTheRequestAppliesItAndLosesTheConnection() {
    faults.update(only(1, Kind.DROP_AFTER));

    assertThatThrownBy(() -> send("PUT", NEW_RG, "{\"location\":\"eastasia\"}"))
        .isInstanceOf(IOException.class);
    assertThat(sim.resources().resourceGroup("rg-new")).as("applied all the same").isPresent();
  }

  @Test
  void theSeedMakesTheSequenceOfFaultsRepeatable() throws Exception {
    Settings settings =
        Settings.none().withRate(0.5).withKinds(EnumSet.of(Kind.ERROR, Kind.THROTTLE)).withSeed(7);
    faults.update(settings);
    List<Integer> first = statuses(40);
    adminPut("/admin/faults", "{\"seed\":7}");
    List<Integer> again = statuses(40);
    adminPut("/admin/faults", "{\"seed\":8}");
    List<Integer> other = statuses(40);

    assertThat(first).contains(200, 429, 500);
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  private List<Integer> statuses(int count) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      statuses.add(send("GET", EXISTING_RG, null).statusCode());
    }
    return statuses;
  }

  @Test
  void theAdminEndpointChangesTheSettingsBehindTheTokenAndNeverFaultsItself() throws Exception {
    HttpResponse<String> anonymous =
        http.send(request("/admin/faults").GET().build(), BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> refused =
        http.send(
            request("/admin/faults")
                .header("Authorization", "Bearer wrong")
                .PUT(BodyPublishers.ofString("{\"rate\":1}"))
                .build(),
            BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(faults.settings().rate()).isZero();

    HttpResponse<String> changed =
        adminPut(
            "/admin/faults",
            "{\"rate\":1,\"rates\":"
                + "{\"write\":0.25},\"kinds\":[\"throttle\",\"drop-after\"],\"seed\":42}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(faults.settings().rate()).isEqualTo(1.0);
    assertThat(faults.settings().rateFor(FaultPolicy.RouteKind.WRITE)).isEqualTo(0.25);
    assertThat(faults.settings().kinds()).isEqualTo(Set.of(Kind.THROTTLE, Kind.DROP_AFTER));
    assertThat(faults.settings().seed()).isEqualTo(42);

    HttpResponse<String> read = send("GET", "/admin/faults", null);
    assertThat(read.statusCode()).as("admin routes never fault").isEqualTo(200);
    JsonNode body = ArmJson.parse(read.body());
    assertThat(body.path("rates").path("read").asDouble()).isEqualTo(1.0);
    assertThat(body.path("kinds").toString()).isEqualTo("[\"throttle\",\"drop-after\"]");

    HttpResponse<String> invalid = adminPut("/admin/faults", "{\"kinds\":[\"meteor\"]}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(adminPut("/admin/faults", "{\"rate\":1.5}").statusCode()).isEqualTo(400);
    assertThat(faults.settings().seed()).as("a refused change changes nothing").isEqualTo(42);
  }

  @Test
  void anOutageThroughTheAdminEndpointMakesRequestsToTheRegionFail() throws Exception {
    HttpResponse<String> outage = adminPut("/admin/regions/" + EAST, "{\"available\":false}");
    assertThat(outage.statusCode()).as(outage.body()).isEqualTo(200);
    assertThat(sim.resources().region(EAST).orElseThrow().available()).isFalse();

    HttpResponse<String> refused = send("PUT", NEW_RG, "{\"location\":\"eastasia\"}");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(errorCode(refused)).isEqualTo("RegionUnavailable");
    assertThat(ArmJson.parse(refused.body()).at("/error/target").asText()).isEqualTo(EAST);

    assertThat(adminPut("/admin/regions/" + EAST, "{\"available\":true}").statusCode())
        .isEqualTo(200);
    assertThat(send("PUT", NEW_RG, "{\"location\":\"eastasia\"}").statusCode()).isEqualTo(200);
    assertThat(adminPut("/admin/regions/atlantis", "{\"available\":false}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void theDiskThroughputIsSetAtRuntime() throws Exception {
    sim.withLatency(LatencyModel.reference(0.001, 60));

    HttpResponse<String> slowDisk = adminPut("/admin/disk", "{\"megabytesPerSecond\":5}");

    assertThat(slowDisk.statusCode()).as(slowDisk.body()).isEqualTo(200);
    assertThat(sim.latency().diskMegabytesPerSecond()).isEqualTo(5.0);
    assertThat(sim.latency().timeScale()).isEqualTo(0.001);
    assertThat(
            ArmJson.parse(send("GET", "/admin/disk", null).body())
                .path("megabytesPerSecond")
                .asDouble())
        .isEqualTo(5.0);
    assertThat(adminPut("/admin/disk", "{\"megabytesPerSecond\":0}").statusCode()).isEqualTo(400);
  }

  @Test
  void aServiceOverABackendWithoutALatencyModelHasNoDisk() throws Exception {
    try (AzureService plain = AzureService.start(0, TOKEN, sim)) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port() + "/admin/disk"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .PUT(BodyPublishers.ofString("{\"megabytesPerSecond\":5}"))
                  .build(),
              BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void theClientCarriesRetryAfterInItsExceptionOnceItsRetriesAreSpent() {
    sim.withLatency(LatencyModel.reference(0.01, 60));
    faults.update(only(1, Kind.THROTTLE).withRetryAfter(Duration.ofSeconds(20)));
    HttpAzureBackend noRetries = new HttpAzureBackend(url(), TOKEN, 0);

    assertThatThrownBy(() -> noRetries.resources().resourceGroup("rg-east"))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AzureErrorCode.TooManyRequests);
              assertThat(e.isTransient()).isTrue();
              assertThat(e.retryAfter()).hasValue(Duration.ofMillis(200));
            });
    assertThat(faults.injected()).isEqualTo(Map.of(Kind.THROTTLE, 1L));

    HttpAzureBackend retrying = new HttpAzureBackend(url(), TOKEN, 3);
    assertThatThrownBy(() -> retrying.resources().resourceGroup("rg-east"))
        .isInstanceOf(AzureException.class);
    assertThat(faults.injected())
        .as("the first try and 3 retries")
        .isEqualTo(Map.of(Kind.THROTTLE, 5L));
  }

  @Test
  void theClientRidesOutALostAnswerWithItsOwnRetry() {
    // A seed whose sequence starts with a fault, then passes: the PUT is applied, its answer
    // lost, and the client's retry meets the resource already there.
    faults.update(
        Settings.none()
            .withRate(0.5)
            .withKinds(EnumSet.of(Kind.ERROR_AFTER))
            .withSeed(firstFaultingSeed()));
    HttpAzureBackend client = new HttpAzureBackend(url(), TOKEN, 3);

    ResourceGroup created =
        client.resources().createResourceGroup(CALLER, new ResourceGroup("rg-new", EAST));

    assertThat(created.name()).isEqualTo("rg-new");
    assertThat(faults.injected().get(Kind.ERROR_AFTER)).isPositive();
    assertThat(
            sim.metering().activityLog().stream()
                .filter(entry -> entry.resourceId().contains("rg-new"))
                .count())
        .as("applied once, although sent again")
        .isEqualTo(1);
  }

  /** A seed whose first draw at rate 0.5 is a fault and whose second is not. */
  private static long firstFaultingSeed() {
    for (long seed = 0; ; seed++) {
      FaultPolicy probe = FaultPolicy.none();
      probe.update(
          Settings.none().withRate(0.5).withKinds(EnumSet.of(Kind.ERROR_AFTER)).withSeed(seed));
      if (probe.next(FaultPolicy.RouteKind.WRITE) != null
          && probe.next(FaultPolicy.RouteKind.WRITE) == null) {
        return seed;
      }
    }
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + service.port());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url() + path));
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        request(path)
            .header("Authorization", "Bearer " + TOKEN)
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> adminPut(String path, String body) throws Exception {
    return send("PUT", path, body);
  }

  private static String errorCode(HttpResponse<String> response) {
    return ArmJson.parse(response.body()).at("/error/code").asText();
  }
}
