package dev.reprotect.worker.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.worker.Await;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The CLI reads a sync's heartbeat the way the worker wrote it: through the client's codec. */
public class HeartbeatDecodingTest {
  private static final String QUEUE = "heartbeat-decoding";
  private static final SyncProgress HALF_WAY = new SyncProgress(5, 10, 4096, 20_480, 5, 0);
  private static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Test
  void syncProgressIsDecodedWithTheClientsDataConverter() {
    WorkflowClientOptions encoded =
        WorkflowClientOptions.newBuilder()
            .setDataConverter(
                new CodecDataConverter(
                    DefaultDataConverter.newDefaultInstance(), List.of(new ReversingCodec())))
            .build();
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(encoded)
                .setUseTimeskipping(false)
                .build())) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(OneSyncWorkflowImpl.class);
      worker.registerActivitiesImplementations(new HalfWaySync());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      OneSyncWorkflow workflow =
          client.newWorkflowStub(
              OneSyncWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId("one-sync").setTaskQueue(QUEUE).build());
      WorkflowClient.start(workflow::run);
      JobsClient jobs = new JobsClient(client);

      Await.until("the sync heartbeats", () -> !jobs.syncProgress("one-sync").isEmpty());

      assertThat(jobs.syncProgress("one-sync"))
          .singleElement()
          .extracting(DiskProgress::progress)
          .isEqualTo(HALF_WAY);
      RELEASE.countDown();
    } finally {
      RELEASE.countDown();
    }
  }

  /** A codec the standard converter cannot read: the payload's bytes, reversed. */
  private static final class ReversingCodec implements PayloadCodec {
    private static final String ENCODING = "binary/reversed";

    @Override
    public List<Payload> encode(List<Payload> payloads) {
      return payloads.stream()
          .map(
              payload ->
                  Payload.newBuilder()
                      .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
                      .setData(ByteString.copyFrom(reversed(payload.toByteArray())))
                      .build())
          .toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
      return payloads.stream()
          .map(
              payload -> {
                try {
                  return Payload.parseFrom(reversed(payload.getData().toByteArray()));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                  throw new IllegalArgumentException(e);
                }
              })
          .toList();
    }

    private static byte[] reversed(byte[] bytes) {
      byte[] out = new byte[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        out[i] = bytes[bytes.length - 1 - i];
      }
      return out;
    }
  }

  @WorkflowInterface
  public interface OneSyncWorkflow {
    @WorkflowMethod
    void run();
  }

  public static final class OneSyncWorkflowImpl implements OneSyncWorkflow {
    @Override
    public void run() {
      Workflow.newActivityStub(
              DiskSync.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(5))
                  .setHeartbeatTimeout(Duration.ofMinutes(1))
                  .build())
          .syncDisk();
    }
  }

  /** An activity of the sync's type, as the CLI finds it among the pending ones. */
  @ActivityInterface
  public interface DiskSync {
    void syncDisk();
  }

  static final class HalfWaySync implements DiskSync {
    @Override
    public void syncDisk() {
      Activity.getExecutionContext().heartbeat(HALF_WAY);
      try {
        RELEASE.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
