package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.JobFailures;
import dev.reprotect.worker.client.JobsClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that talks to a Temporal service, and only to it. */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Mixin Output output;

  @Override
  public Integer call() {
    WorkflowServiceStubs service = null;
    try {
      service = connection.connect();
      return run(new JobsClient(connection.client(service)));
    } catch (RuntimeException e) {
      return output.fail(JobFailures.describe(e, connection.address()));
    } finally {
      if (service != null) {
        service.shutdown();
      }
    }
  }

  abstract int run(JobsClient jobs);
}
