package dev.reprotect.worker.client;

import dev.reprotect.workflows.replication.ReplicationHealth;
import dev.reprotect.workflows.replication.ReplicationHealthRule;
import java.time.Duration;
import java.time.Instant;

/**
 * A running replication as its search attributes show it, when no worker answers its query (a
 * worker outage is when an RPO matters most): the newest point's time as the workflow last
 * published it, the RPO that gives now, and the health the rule gives that RPO. {@code
 * lastRecoveryPointTime} is null when the workflow never published one.
 */
public record PublishedReplication(
    Instant lastRecoveryPointTime, Long rpoSeconds, ReplicationHealth health, String note) {

  static PublishedReplication at(Instant lastRecoveryPointTime, Instant now) {
    Duration rpo =
        lastRecoveryPointTime == null ? null : Duration.between(lastRecoveryPointTime, now);
    return new PublishedReplication(
        lastRecoveryPointTime,
        rpo == null ? null : rpo.toSeconds(),
        ReplicationHealthRule.health(rpo, false, null),
        "no worker answered the status query: the RPO"
            + " is the age of the newest point the workflow published (search attribute "
            + "LastRecoveryPointTime); start a worker (reprotect worker, reprotect dev) for the"
            + " cycles");
  }
}
