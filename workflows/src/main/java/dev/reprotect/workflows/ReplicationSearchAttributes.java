package dev.reprotect.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes a replication workflow upserts each cycle, beside the Keyword
 * {@code VmName} and {@code Vault} of {@link ReprotectSearchAttributes}: items can be listed by
 * health, or by RPO ({@code RpoSeconds > 900}).
 */
public final class ReplicationSearchAttributes {
  public static final SearchAttributeKey<Long> RPO_SECONDS = SearchAttributeKey.forLong("RpoSeconds");
  public static final SearchAttributeKey<String> REPLICATION_HEALTH =
      SearchAttributeKey.forKeyword("ReplicationHealth");

  /** The attributes the server must know beyond ReprotectSearchAttributes.ALL, with their types. */
  public static final List<SearchAttributeKey<?>> ALL = List.of(RPO_SECONDS, REPLICATION_HEALTH);

  private ReplicationSearchAttributes() {}
}
