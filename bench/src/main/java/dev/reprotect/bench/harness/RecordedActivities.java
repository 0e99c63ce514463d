package dev.reprotect.bench.harness;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.DynamicActivity;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.EncodedValues;
import io.temporal.common.converter.RawValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every activity type, doing nothing: the n-th call of a type in a workflow answers the payload the
 * recorded job's n-th call of that type completed with, as it was, without decoding it.
 */
final class RecordedActivities implements DynamicActivity {
  private volatile Map<String, List<Payloads>> answers = Map.of();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  void answerWith(Map<String, List<Payloads>> resultsByType) {
    answers = Map.copyOf(resultsByType);
  }

  @Override
  public Object execute(EncodedValues args) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    List<Payloads> results = answers.get(info.getActivityType());
    if (results == null) {
      throw new IllegalStateException("the recorded job ran no " + info.getActivityType());
    }
    int call =
        calls
            .computeIfAbsent(
                info.getWorkflowId() + "/" + info.getActivityType(), type -> new AtomicInteger())
            .getAndIncrement();
    Payloads result = results.get(Math.min(call, results.size() - 1));
    return result.getPayloadsCount() == 0 ? null : new RawValue(result.getPayloads(0));
  }
}
