package dev.reprotect.workflows;

import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The search attributes a replication workflow upserts each cycle, beside the Keyword {@code
 * VmName} and {@code Vault} of {@link ReprotectSearchAttributes}: items can be listed by health, or
 * by RPO. {@code RpoSeconds} is the RPO when the workflow last ran; the newest point's time ({@code
 * LastRecoveryPointTime < '<15 minutes ago>'}) finds a stale item even when no workflow task runs
 * for it any more (a hung shipment, no worker).
 */
public final class ReplicationSearchAttributes {
  public static final SearchAttributeKey<Long> RPO_SECONDS =
      SearchAttributeKey.forLong("RpoSeconds");
  public static final SearchAttributeKey<String> REPLICATION_HEALTH =
      SearchAttributeKey.forKeyword("ReplicationHealth");
  public static final SearchAttributeKey<OffsetDateTime> LAST_RECOVERY_POINT_TIME =
      SearchAttributeKey.forOffsetDateTime("LastRecoveryPointTime");

  /** The attributes the server must know beyond ReprotectSearchAttributes.ALL, with their types. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(RPO_SECONDS, REPLICATION_HEALTH, LAST_RECOVERY_POINT_TIME);

  private ReplicationSearchAttributes() {}
}
