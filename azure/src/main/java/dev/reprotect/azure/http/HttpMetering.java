package dev.reprotect.azure.http;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.MeteringApi;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.MeteringJson;
import java.util.List;

final class HttpMetering implements MeteringApi {
  private final ArmHttpClient client;

  HttpMetering(ArmHttpClient client) {
    this.client = client;
  }

  @Override
  public long bytesTransferred(String fromRegion, String toRegion) {
    return MeteringJson.transferredBytes(
        client.get(
            ArmPaths.ADMIN_TRANSFERS.expand()
                + ArmPaths.query("fromRegion", fromRegion, "toRegion", toRegion)));
  }

  @Override
  public long bytesTransferredBy(String correlationIdPrefix) {
    return MeteringJson.transferredBytes(
        client.get(
            ArmPaths.ADMIN_CALLER_TRANSFERS.expand()
                + ArmPaths.query("correlationIdPrefix", correlationIdPrefix)));
  }

  @Override
  public CallerCosts costsBy(String correlationIdPrefix) {
    return MeteringJson.callerCosts(
        client.get(
            ArmPaths.ADMIN_CALLER_COSTS.expand()
                + ArmPaths.query("correlationIdPrefix", correlationIdPrefix)));
  }

  @Override
  public List<ActivityLogEntry> activityLog() {
    return ArmJson.fromList(
        client.get(ArmPaths.ADMIN_ACTIVITY_LOG.expand()), MeteringJson::activityLogEntry);
  }
}
