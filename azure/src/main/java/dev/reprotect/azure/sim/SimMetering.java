package dev.reprotect.azure.sim;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.MeteringApi;
import java.util.List;

final class SimMetering implements MeteringApi {
  private final World world;

  SimMetering(World world) {
    this.world = world;
  }

  @Override
  public long bytesTransferred(String fromRegion, String toRegion) {
    return world.meter.bytes(fromRegion, toRegion);
  }

  @Override
  public long bytesTransferredBy(String correlationIdPrefix) {
    return world.meter.bytesBy(correlationIdPrefix);
  }

  @Override
  public CallerCosts costsBy(String correlationIdPrefix) {
    return world.charges.meter.costsBy(correlationIdPrefix);
  }

  @Override
  public List<ActivityLogEntry> activityLog() {
    return world.log.entries();
  }
}
