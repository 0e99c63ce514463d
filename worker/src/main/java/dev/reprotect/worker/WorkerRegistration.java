package dev.reprotect.worker;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.reprotect.activities.ReprotectActivities;
import dev.reprotect.workflows.ReprotectWorkflows;
import io.temporal.worker.Worker;

/** Puts every workflow and activity of Reprotect on a worker. */
public final class WorkerRegistration {
  private WorkerRegistration() {}

  public static void registerAll(Worker worker, ReprotectModule module) {
    Injector injector = Guice.createInjector(module);
    worker.registerWorkflowImplementationTypes(
        ReprotectWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
    worker.registerActivitiesImplementations(
        ReprotectActivities.IMPLEMENTATIONS.stream().map(injector::getInstance).toArray());
  }
}
