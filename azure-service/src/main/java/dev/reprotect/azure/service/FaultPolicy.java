package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.arm.ArmErrors;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmOperations;
import dev.reprotect.azure.sim.FaultInjector;
import dev.reprotect.azure.sim.FaultInjector.GuestAgentFault;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.azure.sim.SimulatedAzure;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Transient faults of the service, as a real cloud has them: each authenticated request (the admin
 * routes aside) faults with the probability of its route kind (reads are GETs, writes the rest),
 * and a fault is one of the enabled request {@link Kind}s, picked at random. The {@link
 * Kind#CORRUPT} kind is handed to the simulator: there the rate is the share of blocks crossing
 * regions that arrive corrupted. The randomness comes from a seed, so the same sequence of requests
 * meets the same faults again. Some faults strike after the request was applied: the state changed,
 * the answer is lost.
 *
 * <p>A {@code Retry-After} (on a 429, and on the backend's own 429 and 503) follows the latency
 * model's time scale: {@code retry-after-ms} carries it exactly, {@code Retry-After} in whole
 * seconds, rounded up. Without a latency model (a backend that is not the simulator), it is {@link
 * Settings#retryAfter} as it is.
 */
public final class FaultPolicy {
  /** What a faulty request meets. */
  public enum Kind {
    /** 429 TooManyRequests with a Retry-After, before anything is done. */
    THROTTLE("throttle"),
    /** 500 InternalServerError, before anything is done. */
    ERROR("error"),
    /** The connection is closed without an answer, before anything is done. */
    DROP("drop"),
    /** The request waits {@link Settings#slowDelay}, then proceeds normally. */
    SLOW("slow"),
    /** The request is applied, then its answer is replaced by a 500. */
    ERROR_AFTER("error-after"),
    /** The request is applied, then the connection is closed without an answer. */
    DROP_AFTER("drop-after"),
    /**
     * Not a request's fault but the data plane's, inside the simulator: a block crossing regions
     * (transferBlocks, copyBlob) arrives with one bit flipped, with the probability {@code rate}.
     */
    CORRUPT("corrupt");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Kind parse(String label) {
      for (Kind kind : values()) {
        if (kind.label.equalsIgnoreCase(label.trim())) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "unknown fault kind " + label + ", expected one of " + labels(EnumSet.allOf(Kind.class)));
    }
  }

  /**
   * The faults a request meets, which "all" stands for: corruption changes what a run's disks
   * receive, so it is asked for by name.
   */
  public static final Set<Kind> REQUEST_KINDS =
      Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(Kind.CORRUPT)));

  /** Reads are GET and HEAD; everything else is a write. */
  public enum RouteKind {
    READ,
    WRITE
  }

  /**
   * The fault settings: the default rate, optional rates per route kind, the kinds a fault may be,
   * the seed, the delay of a slow answer (real time) and the Retry-After of a throttled one (at the
   * reference pace, scaled by the time scale).
   */
  public record Settings(
      double rate,
      Map<RouteKind, Double> rates,
      Set<Kind> kinds,
      long seed,
      Duration slowDelay,
      Duration retryAfter) {
    public Settings {
      checkRate(rate);
      rates = Map.copyOf(rates);
      rates.values().forEach(Settings::checkRate);
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("at least one fault kind is needed");
      }
      kinds = Set.copyOf(kinds);
      if (slowDelay.isNegative() || retryAfter.isNegative()) {
        throw new IllegalArgumentException("delays are 0 or more");
      }
    }

    /** No faults: rate 0, every request kind enabled for when a rate is set, seed 0. */
    public static Settings none() {
      return new Settings(
          0,
          Map.of(),
          REQUEST_KINDS,
          0,
          Duration.ofMillis(200),
          Duration.ofSeconds(ArmErrorResponses.RETRY_AFTER_SECONDS));
    }

    public Settings withRate(double newRate) {
      return new Settings(newRate, rates, kinds, seed, slowDelay, retryAfter);
    }

    public Settings withRate(RouteKind kind, double newRate) {
      Map<RouteKind, Double> changed = new EnumMap<>(RouteKind.class);
      changed.putAll(rates);
      changed.put(kind, newRate);
      return new Settings(rate, changed, kinds, seed, slowDelay, retryAfter);
    }

    public Settings withKinds(Set<Kind> newKinds) {
      return new Settings(rate, rates, newKinds, seed, slowDelay, retryAfter);
    }

    public Settings withSeed(long newSeed) {
      return new Settings(rate, rates, kinds, newSeed, slowDelay, retryAfter);
    }

    public Settings withSlowDelay(Duration delay) {
      return new Settings(rate, rates, kinds, seed, delay, retryAfter);
    }

    public Settings withRetryAfter(Duration wait) {
      return new Settings(rate, rates, kinds, seed, slowDelay, wait);
    }

    public double rateFor(RouteKind kind) {
      return rates.getOrDefault(kind, rate);
    }

    /** The share of blocks crossing regions that arrive corrupted: the rate, when corrupt is on. */
    public double corruptionRate() {
      return kinds.contains(Kind.CORRUPT) ? rate : 0;
    }

    /** The enabled kinds a request may meet. */
    List<Kind> requestKinds() {
      return sorted(kinds.stream().filter(REQUEST_KINDS::contains).collect(Collectors.toSet()));
    }

    private static void checkRate(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("a fault rate is between 0 and 1, not " + rate);
      }
    }
  }

  private static final String AFTER = "fault-after";
  private static final String RETRY_AFTER = "fault-retry-after";
  private static final String ADMIN_PREFIX = "/admin/";

  private final Supplier<LatencyModel> latency;
  private final Consumer<LatencyModel> setLatency;

  /** The simulator's own faults, which corrupt blocks in transit; null for another backend. */
  private final FaultInjector dataPlane;

  private final Map<Kind, Long> injected = new EnumMap<>(Kind.class);
  private Settings settings;
  private Random random;

  private FaultPolicy(
      Settings settings,
      Supplier<LatencyModel> latency,
      Consumer<LatencyModel> setLatency,
      FaultInjector dataPlane) {
    this.latency = latency;
    this.setLatency = setLatency;
    this.dataPlane = dataPlane;
    update(settings);
  }

  /** No faults and no latency model: what a service over any backend starts with. */
  public static FaultPolicy none() {
    return new FaultPolicy(Settings.none(), null, null, null);
  }

  /**
   * Faults over the simulator, whose latency model scales Retry-After and holds the disk, and whose
   * data plane corrupts blocks in transit.
   */
  public static FaultPolicy forSimulator(SimulatedAzure azure, Settings settings) {
    return new FaultPolicy(settings, azure::latency, azure::withLatency, azure.faults());
  }

  public synchronized Settings settings() {
    return settings;
  }

  /**
   * New settings; the random sequences restart from their seed. Corruption needs the simulator's
   * data plane: asked of another backend, the settings are refused and nothing changes.
   */
  public synchronized void update(Settings newSettings) {
    if (dataPlane != null) {
      dataPlane.corruptTransfers(newSettings.corruptionRate(), newSettings.seed());
    } else if (newSettings.corruptionRate() > 0) {
      throw new IllegalArgumentException(
          "the corrupt fault needs the simulator's data plane; this backend is not the simulator");
    }
    settings = newSettings;
    random = new Random(newSettings.seed());
  }

  /**
   * Makes the VM's guest agent fail so (null heals it); false when this backend is not the
   * simulator, whose agents these are.
   */
  public boolean setGuestAgentFault(String resourceGroup, String vm, GuestAgentFault fault) {
    if (dataPlane == null) {
      return false;
    }
    dataPlane.guestAgent(resourceGroup, vm, fault);
    return true;
  }

  /** The Retry-After the service sends now: the setting, scaled by the time scale. */
  public Duration retryAfter() {
    Duration base = settings().retryAfter();
    return latency == null ? base : latency.get().scaled(base);
  }

  /** The latency model, when the backend has one. */
  LatencyModel latencyModel() {
    return latency == null ? null : latency.get();
  }

  /** Sets the disk throughput of the latency model; false when the backend has none. */
  boolean setDiskMegabytesPerSecond(double megabytesPerSecond) {
    if (latency == null) {
      return false;
    }
    setLatency.accept(latency.get().withDiskMegabytesPerSecond(megabytesPerSecond));
    return true;
  }

  /** The fault of the next request of {@code kind}, or null; one draw per request. */
  synchronized Kind next(RouteKind kind) {
    List<Kind> kinds = settings.requestKinds();
    double draw = random.nextDouble();
    if (kinds.isEmpty()) {
      return null;
    }
    int pick = random.nextInt(kinds.size());
    if (draw >= settings.rateFor(kind)) {
      return null;
    }
    Kind fault = kinds.get(pick);
    injected.merge(fault, 1L, Long::sum);
    return fault;
  }

  /**
   * How many faults of each kind were injected since the service started; corrupt counts the blocks
   * that arrived corrupted.
   */
  public synchronized Map<Kind, Long> injected() {
    Map<Kind, Long> counts = new EnumMap<>(injected);
    if (dataPlane != null && dataPlane.corruptedBlocks() > 0) {
      counts.put(Kind.CORRUPT, dataPlane.corruptedBlocks());
    }
    return Map.copyOf(counts);
  }

  /** Javalin before-handler, after authentication: faults that strike before the route. */
  void before(Context ctx) throws InterruptedException {
    if (latency != null) {
      askRetryAfter(ctx, retryAfter());
    }
    if (ctx.path().startsWith(ADMIN_PREFIX)) {
      return;
    }
    String method = ctx.method().name();
    Kind fault =
        next(method.equals("GET") || method.equals("HEAD") ? RouteKind.READ : RouteKind.WRITE);
    if (fault == null) {
      return;
    }
    switch (fault) {
      case THROTTLE -> {
        askRetryAfter(ctx, retryAfter());
        ArmErrorResponses.write(
            ctx,
            429,
            ArmErrors.body(
                AzureErrorCode.TooManyRequests.name(),
                "injected fault: too many requests, retry later",
                null));
        ctx.skipRemainingHandlers();
      }
      case ERROR -> {
        internalError(ctx);
        ctx.skipRemainingHandlers();
      }
      case DROP -> {
        drop(ctx);
        ctx.skipRemainingHandlers();
      }
      case SLOW -> Thread.sleep(settings().slowDelay().toMillis());
      case ERROR_AFTER, DROP_AFTER -> ctx.attribute(AFTER, fault);
    }
  }

  /** Javalin after-handler: faults that strike once the route applied the request. */
  void after(Context ctx) {
    Kind fault = ctx.attribute(AFTER);
    if (fault == Kind.ERROR_AFTER) {
      ctx.res().setHeader(ArmOperations.ASYNC_OPERATION_HEADER, null);
      ctx.res().setHeader(ArmOperations.LOCATION_HEADER, null);
      internalError(ctx);
    } else if (fault == Kind.DROP_AFTER) {
      drop(ctx);
    }
  }

  /** A 429 or 503 of this request asks the client to wait {@code wait} (already scaled). */
  static void askRetryAfter(Context ctx, Duration wait) {
    ctx.attribute(RETRY_AFTER, wait);
  }

  /** The Retry-After a 429 or 503 of this request carries, or null for the default. */
  static Duration retryAfterOf(Context ctx) {
    return ctx.attribute(RETRY_AFTER);
  }

  private static void internalError(Context ctx) {
    ArmErrorResponses.write(
        ctx,
        500,
        ArmErrors.body(
            AzureErrorCode.InternalServerError.name(),
            "injected fault: internal server error",
            null));
  }

  /** Closes the connection: the client gets no answer, only an I/O error. */
  private static void drop(Context ctx) {
    ctx.result("");
    org.eclipse.jetty.server.Request.getBaseRequest(ctx.req())
        .getHttpChannel()
        .abort(new IOException("injected fault: connection dropped"));
  }

  static List<Kind> sorted(Set<Kind> kinds) {
    List<Kind> list = new ArrayList<>(kinds);
    list.sort(null);
    return list;
  }

  static String labels(Set<Kind> kinds) {
    return String.join(",", sorted(kinds).stream().map(Kind::label).toList());
  }

  /**
   * Parses a comma-separated list of kind labels ({@code throttle,error,drop}); "all" is every
   * request kind ({@link #REQUEST_KINDS}).
   */
  public static Set<Kind> parseKinds(String text) {
    if (text.trim().equalsIgnoreCase("all")) {
      return REQUEST_KINDS;
    }
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    for (String label : text.split(",")) {
      kinds.add(Kind.parse(label));
    }
    return kinds;
  }

  // The admin endpoint's JSON.

  ObjectNode toJson() {
    Settings current = settings();
    ObjectNode body = ArmJson.object();
    body.put("rate", current.rate());
    ObjectNode rates = body.putObject("rates");
    for (RouteKind kind : RouteKind.values()) {
      rates.put(kind.name().toLowerCase(Locale.ROOT), current.rateFor(kind));
    }
    ArrayNode kinds = body.putArray("kinds");
    sorted(current.kinds()).forEach(kind -> kinds.add(kind.label()));
    body.put("seed", current.seed());
    body.put("slowDelayMs", current.slowDelay().toMillis());
    body.put("retryAfterMs", current.retryAfter().toMillis());
    body.put("scaledRetryAfterMs", retryAfter().toMillis());
    ObjectNode counts = body.putObject("injected");
    injected().forEach((kind, count) -> counts.put(kind.label(), count));
    return body;
  }

  /** The settings with the fields {@code body} has; the others keep their value. */
  static Settings merge(Settings current, JsonNode body) {
    Settings next = current;
    if (body.has("rate")) {
      next = next.withRate(number(body, "rate"));
    }
    JsonNode rates = body.path("rates");
    if (!rates.isMissingNode() && !rates.isNull()) {
      if (!rates.isObject()) {
        throw ArmJson.invalid("rates must be an object");
      }
      Map<RouteKind, Double> byKind = new EnumMap<>(RouteKind.class);
      for (RouteKind kind : RouteKind.values()) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        if (rates.has(name)) {
          byKind.put(kind, number(rates, name));
        }
      }
      next =
          new Settings(
              next.rate(), byKind, next.kinds(), next.seed(), next.slowDelay(), next.retryAfter());
    }
    if (body.has("kinds")) {
      Set<Kind> kinds = EnumSet.noneOf(Kind.class);
      for (JsonNode label : ArmJson.requireArray(body, "kinds")) {
        if (!label.isTextual()) {
          throw ArmJson.invalid("kinds holds strings");
        }
        kinds.add(Kind.parse(label.asText()));
      }
      next = next.withKinds(kinds);
    }
    if (body.has("seed")) {
      next = next.withSeed(ArmJson.requireLong(body, "seed"));
    }
    if (body.has("slowDelayMs")) {
      next = next.withSlowDelay(Duration.ofMillis(ArmJson.requireLong(body, "slowDelayMs")));
    }
    if (body.has("retryAfterMs")) {
      next = next.withRetryAfter(Duration.ofMillis(ArmJson.requireLong(body, "retryAfterMs")));
    }
    return next;
  }

  private static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw ArmJson.invalid(field + " must be a number");
    }
    return value.asDouble();
  }
}
