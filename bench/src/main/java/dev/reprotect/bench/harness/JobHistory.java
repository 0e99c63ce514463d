package dev.reprotect.bench.harness;

import com.google.protobuf.Timestamp;
import dev.reprotect.worker.client.WorkflowExecutions;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Timings read from the server's record of a workflow: its events' times, not the client's. */
final class JobHistory {
  private JobHistory() {}

  /** When the server started the workflow and when it closed it. */
  record Span(Instant start, Instant close) {
    Duration duration() {
      return Duration.between(start, close);
    }
  }

  static Span span(WorkflowClient client, String workflowId) {
    WorkflowExecutionInfo info =
        WorkflowExecutions.describe(client, workflowId).getWorkflowExecutionInfo();
    return new Span(instant(info.getStartTime()), instant(info.getCloseTime()));
  }

  static List<Span> spans(WorkflowClient client, List<String> workflowIds) {
    List<Span> spans = new ArrayList<>();
    for (String workflowId : workflowIds) {
      spans.add(span(client, workflowId));
    }
    return spans;
  }

  /** How many activities the workflow scheduled, retries not counted. */
  static int activitiesScheduled(WorkflowClient client, String workflowId) {
    return (int)
        events(client, workflowId).stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .count();
  }

  /** The time the workflow's activities of {@code activityType} ran, summed. */
  static Duration activityTime(WorkflowClient client, String workflowId, String activityType) {
    return activityTimes(client, workflowId, activityType).stream()
        .reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * The time each of the workflow's completed activities of {@code activityType} ran, in the order
   * they completed: from the start of its last attempt to its completion.
   */
  static List<Duration> activityTimes(
      WorkflowClient client, String workflowId, String activityType) {
    return completedActivities(client, workflowId).stream()
        .filter(activity -> activity.type().equals(activityType))
        .map(CompletedActivity::time)
        .toList();
  }

  /** The time the workflow's activities ran, summed by type, in order of first completion. */
  static Map<String, Duration> activityTimeByType(WorkflowClient client, String workflowId) {
    Map<String, Duration> byType = new LinkedHashMap<>();
    for (CompletedActivity activity : completedActivities(client, workflowId)) {
      byType.merge(activity.type(), activity.time(), Duration::plus);
    }
    return byType;
  }

  /** What the workflow's activities completed with, by type, in the order they completed. */
  static Map<String, List<Payloads>> activityResults(WorkflowClient client, String workflowId) {
    Map<Long, String> types = new HashMap<>();
    Map<String, List<Payloads>> results = new LinkedHashMap<>();
    for (HistoryEvent event : events(client, workflowId)) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        types.put(
            event.getEventId(),
            event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (event.hasActivityTaskCompletedEventAttributes()) {
        ActivityTaskCompletedEventAttributes completed =
            event.getActivityTaskCompletedEventAttributes();
        results
            .computeIfAbsent(types.get(completed.getScheduledEventId()), type -> new ArrayList<>())
            .add(completed.getResult());
      }
    }
    return results;
  }

  private record CompletedActivity(String type, Duration time) {}

  private static List<CompletedActivity> completedActivities(
      WorkflowClient client, String workflowId) {
    Map<Long, Instant> started = new HashMap<>();
    Map<Long, String> types = new HashMap<>();
    List<CompletedActivity> completed = new ArrayList<>();
    for (HistoryEvent event : events(client, workflowId)) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        types.put(
            event.getEventId(),
            event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (event.hasActivityTaskStartedEventAttributes()) {
        started.put(
            event.getActivityTaskStartedEventAttributes().getScheduledEventId(),
            instant(event.getEventTime()));
      } else if (event.hasActivityTaskCompletedEventAttributes()) {
        long scheduled = event.getActivityTaskCompletedEventAttributes().getScheduledEventId();
        completed.add(
            new CompletedActivity(
                types.get(scheduled),
                Duration.between(started.get(scheduled), instant(event.getEventTime()))));
      }
    }
    return completed;
  }

  private static List<HistoryEvent> events(WorkflowClient client, String workflowId) {
    return client.fetchHistory(workflowId).getEvents();
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
