package dev.reprotect.azure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backend whose calls ride out transient errors (a 429 and its {@code Retry-After}, a 500, a
 * region briefly unavailable, a block that arrived corrupted) by calling again, as the engine's
 * activities do through their retry policy: for the clients that call the backend outside Temporal,
 * such as the demo seeding its world. A call is repeated whole; ARM's writes are create-or-update,
 * so a repeat after a failure is what Azure asks of its clients. An error that is not transient, or
 * the last attempt's, is thrown as it is.
 */
public final class TransientRetries {
  /** Attempts per call: with the backoff below, about a minute of waits before giving up. */
  static final int MAX_ATTEMPTS = 10;

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

  /** How the wait between two attempts is spent: a sleep, or a record of it in tests. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration wait) throws InterruptedException;
  }

  private TransientRetries() {}

  /** {@code backend}, its calls retried, waiting between attempts by sleeping. */
  public static AzureBackend of(AzureBackend backend) {
    return of(backend, wait -> Thread.sleep(wait.toMillis()));
  }

  /** {@code backend}, its calls retried, waiting between attempts with {@code pause}. */
  public static AzureBackend of(AzureBackend backend, Pause pause) {
    return proxy(AzureBackend.class, backend, pause);
  }

  private static <T> T proxy(Class<T> api, T target, Pause pause) {
    return api.cast(
        Proxy.newProxyInstance(
            api.getClassLoader(), new Class<?>[] {api}, new Retrying(target, pause)));
  }

  /** Each API the backend hands out is retried the same way, and made once. */
  private static final class Retrying implements InvocationHandler {
    private final Object target;
    private final Pause pause;
    private final Map<Method, Object> apis = new ConcurrentHashMap<>();

    Retrying(Object target, Pause pause) {
      this.target = target;
      this.pause = pause;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      if (isApi(method)) {
        return apis.computeIfAbsent(method, api -> wrapApi(api.getReturnType(), invoked(api)));
      }
      for (int attempt = 1; ; attempt++) {
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
          if (!(thrown.getCause() instanceof AzureException failure)
              || !failure.isTransient()
              || attempt == MAX_ATTEMPTS) {
            throw thrown.getCause();
          }
          pause.pause(delayAfter(failure, attempt));
        }
      }
    }

    /** One of the APIs the backend hands out (storage, compute, ...), not a call. */
    private static boolean isApi(Method method) {
      return method.getDeclaringClass() == AzureBackend.class
          && method.getParameterCount() == 0
          && method.getReturnType().isInterface();
    }

    private Object invoked(Method api) {
      try {
        return api.invoke(target);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot reach " + api.getName() + " of the backend", e);
      }
    }

    private <T> T wrapApi(Class<T> api, Object instance) {
      return proxy(api, api.cast(instance), pause);
    }
  }

  /**
   * The wait before attempt {@code attempt + 1}: what the backend asked for, and no less than an
   * exponential backoff from {@link #FIRST_BACKOFF}.
   */
  static Duration delayAfter(AzureException failure, int attempt) {
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 16));
    if (backoff.compareTo(MAX_BACKOFF) > 0) {
      backoff = MAX_BACKOFF;
    }
    Duration asked = failure.retryAfter().orElse(Duration.ZERO);
    return asked.compareTo(backoff) > 0 ? asked : backoff;
  }
}
