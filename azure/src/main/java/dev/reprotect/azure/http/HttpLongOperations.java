package dev.reprotect.azure.http;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.LongOperation;
import dev.reprotect.azure.LongOperationsApi;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.PathTemplate;

/** The service's long-running operations: the 202's Azure-AsyncOperation URL is the id polled. */
final class HttpLongOperations implements LongOperationsApi {
  private final ArmHttpClient client;

  HttpLongOperations(ArmHttpClient client) {
    this.client = client;
  }

  @Override
  public LongOperation beginDeleteVirtualMachine(Caller caller, String resourceGroup, String name) {
    if (!PathTemplate.isSafeSegment(resourceGroup) || !PathTemplate.isSafeSegment(name)) {
      // No VM of the API has such a name: it is gone already.
      return LongOperation.ended();
    }
    return client.begin(
        "DELETE", ArmPaths.VIRTUAL_MACHINE.expand(resourceGroup, name), caller, null);
  }

  @Override
  public LongOperation beginCopyBlob(Caller caller, BlobRef from, BlobRef to) {
    return client.begin("POST", HttpStorage.copyPath(to), caller, HttpStorage.copyBody(from));
  }

  @Override
  public LongOperation.State state(LongOperation operation) {
    return client.state(operation);
  }
}
