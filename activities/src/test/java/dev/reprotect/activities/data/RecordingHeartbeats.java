package dev.reprotect.activities.data;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * An activity context that only heartbeats: it records the details, or refuses them as the server
 * does to an attempt that timed out or was cancelled.
 */
final class RecordingHeartbeats {
  /** Heartbeats may come from the thread that waits for a read while another reads. */
  final List<Object> details = new CopyOnWriteArrayList<>();

  volatile boolean refuse;

  /** A pace over this context with the given budget and clock. */
  HeartbeatPace pace(Duration budget, LongSupplier clock) {
    ActivityExecutionContext context =
        (ActivityExecutionContext)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ActivityExecutionContext.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("heartbeat")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  if (refuse) {
                    throw new ActivityCanceledException();
                  }
                  details.add(args[0]);
                  return null;
                });
    return new HeartbeatPace(context, budget, clock);
  }
}
