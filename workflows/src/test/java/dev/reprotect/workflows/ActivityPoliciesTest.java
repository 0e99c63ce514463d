package dev.reprotect.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The loops that send blocks across regions share one heartbeat timeout, sized for a slow link. */
class ActivityPoliciesTest {
  @Test
  void theShipmentOfACycleHasTheSyncsHeartbeatTimeout() {
    assertThat(ActivityPolicies.shipment("ship").getHeartbeatTimeout())
        .isEqualTo(ActivityPolicies.sync("sync").getHeartbeatTimeout())
        .isEqualTo(ActivityPolicies.DATA_HEARTBEAT_TIMEOUT);
  }
}
