package dev.reprotect.workflows.job;

import dev.reprotect.azure.ItemLifecycle;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;

/**
 * A job on a replicated item, of any type ({@code operation}), as its query and a failed workflow's
 * details report it. {@code plan} is the plan the job runs and {@code planDigest} its digest where
 * the plan has one (a protection's); both are null until the check passed. Fields are only ever
 * added: a job recorded before one was reads back with it null (a protection's {@code operation},
 * the plan and digest of the earliest reprotects).
 */
public record Job<S extends Enum<S> & Step, P>(
    String jobId,
    String vault,
    String vm,
    ItemLifecycle operation,
    JobState state,
    Instant startTime,
    Instant endTime,
    List<JobStep<S>> steps,
    String errorCode,
    String errorMessage,
    String planDigest,
    P plan) {

  public Job {
    steps = List.copyOf(steps);
  }

  /**
   * The type of a job whose steps are {@code steps} and plan {@code plan}, to read one back from a
   * payload (a failed workflow's details): the class alone leaves the steps and the plan untyped.
   */
  public static Type type(Class<? extends Step> steps, Class<?> plan) {
    return new Generic(steps, plan);
  }

  private record Generic(Class<?> steps, Class<?> plan) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return new Type[] {steps, plan};
    }

    @Override
    public Type getRawType() {
      return Job.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }
  }
}
