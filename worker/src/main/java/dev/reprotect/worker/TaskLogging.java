package dev.reprotect.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line when a workflow or an activity attempt starts and when it ends, so that an operator
 * follows the jobs from the worker's log. The SDK puts the workflow id, run id and activity type
 * into the logging context (MDC keys WorkflowId, RunId, ActivityType) on the threads that run them,
 * so every line logged there carries them (see logback.xml).
 */
public final class TaskLogging extends WorkerInterceptorBase {
  /** The parent of its loggers, which logback.xml keeps quiet unless a service turns it on. */
  public static final String LOGGERS = "dev.reprotect.tasks";

  private static final String WORKFLOWS = LOGGERS + ".workflow";
  private static final String ACTIVITIES = LOGGERS + ".activity";
  private static final Logger ACTIVITY_LOG = LoggerFactory.getLogger(ACTIVITIES);

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        // Replay-aware: a line is written once, when the step first happens, not on each replay.
        Logger log = Workflow.getLogger(WORKFLOWS);
        log.info("workflow started");
        try {
          WorkflowOutput output = super.execute(input);
          log.info("workflow completed");
          return output;
        } catch (RuntimeException failed) {
          log.warn("workflow failed: {}", describe(failed));
          throw failed;
        }
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private int attempt;

      @Override
      public void init(ActivityExecutionContext context) {
        attempt = context.getInfo().getAttempt();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        long started = System.nanoTime();
        ACTIVITY_LOG.info("activity attempt {} started", attempt);
        try {
          ActivityOutput output = super.execute(input);
          ACTIVITY_LOG.info(
              "activity attempt {} completed in {} ms",
              attempt,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
          return output;
        } catch (ActivityWorkerShutdownException handedBack) {
          ACTIVITY_LOG.info(
              "activity attempt {} handed back at its last heartbeat: the worker is "
                  + "stopping, Temporal retries it",
              attempt);
          throw handedBack;
        } catch (RuntimeException failed) {
          ACTIVITY_LOG.warn("activity attempt {} failed: {}", attempt, describe(failed));
          throw failed;
        }
      }
    };
  }

  private static String describe(RuntimeException failure) {
    return failure instanceof ApplicationFailure application
        ? application.getType() + ": " + application.getOriginalMessage()
        : failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }
}
