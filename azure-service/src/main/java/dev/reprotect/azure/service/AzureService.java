package dev.reprotect.azure.service;

import dev.reprotect.azure.AzureBackend;
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * A backend served over HTTP with an ARM-shaped API (docs/azure-api.md). Every request needs the
 * bearer token; every failure is an ARM error body. The service does not own the backend: closing
 * it stops serving and leaves the backend to its owner.
 */
public final class AzureService implements AutoCloseable {
  /** Binds only the loopback interface: what tests and a single-machine setup want. */
  public static final String LOOPBACK = "127.0.0.1";

  private final Javalin app;
  private final OperationRegistry operations;

  private AzureService(Javalin app, OperationRegistry operations) {
    this.app = app;
    this.operations = operations;
  }

  /** Serves {@code backend} on 127.0.0.1; port 0 picks a free port (see {@link #port()}). */
  public static AzureService start(int port, String token, AzureBackend backend) {
    return start(LOOPBACK, port, token, backend);
  }

  public static AzureService start(String host, int port, String token, AzureBackend backend) {
    return start(host, port, token, backend, FaultPolicy.none());
  }

  /**
   * Serves {@code backend} with fault injection: {@code faults} applies to every authenticated
   * request but the admin routes, and the admin routes change it at runtime.
   */
  public static AzureService start(
      String host, int port, String token, AzureBackend backend, FaultPolicy faults) {
    BearerAuth auth = new BearerAuth(token);
    int blockSize = backend.storage().blockSize();
    RequestGuard guard = new RequestGuard(blockSize);
    OperationRegistry registry = new OperationRegistry(Clock.systemUTC());
    OperationRoutes operationRoutes = new OperationRoutes(registry);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              // Javalin's own cap stays above ours, so that ours answers with an ARM body.
              config.http.maxRequestSize = Math.max(blockSize, Requests.MAX_JSON_BYTES) + 1L;
              config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
              // No header cache: Jetty's looks fields up ignoring case, so on a kept-alive
              // connection
              // "bearer <token>" or the token in upper case came back as the "Bearer <token>" an
              // earlier
              // request had sent, and passed the token check. Each request's headers are its own.
              config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            });
    app.before(auth::check);
    app.before(guard::check);
    app.before(faults::before);
    app.after(faults::after);
    ArmErrorResponses.register(app);
    operationRoutes.register(app);
    new ResourceRoutes(backend).register(app);
    new NetworkRoutes(backend).register(app);
    new StorageRoutes(backend).register(app);
    new BlobRoutes(backend, operationRoutes).register(app);
    new ComputeRoutes(backend, operationRoutes).register(app);
    new RecoveryServicesRoutes(backend).register(app);
    new AdminRoutes(backend).register(app);
    new WorkloadRoutes(backend).register(app);
    new FaultRoutes(backend, faults).register(app);
    app.start(host, port);
    return new AzureService(app, registry);
  }

  /** A fresh random token (256 bits, URL-safe), for a service started without one. */
  /**
   * Whether a request with this method and path reaches one of the service's routes rather than the
   * 404/405 fallback, as the router itself matches it: the hostile-request tests ask it, so their
   * idea of an unknown route never lags behind the routes.
   */
  boolean routes(String method, String path) {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .anyMatch(
            handler ->
                handler.getEndpoint().getMethod().name().equals(method) && handler.matches(path));
  }

  public static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    operations.close();
  }
}
