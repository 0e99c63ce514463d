package dev.reprotect.workflows;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.util.List;

/** The Keyword search attributes that make jobs findable in the Web UI and by `list`. */
public final class ReprotectSearchAttributes {
  public static final SearchAttributeKey<String> VM_NAME = SearchAttributeKey.forKeyword("VmName");
  public static final SearchAttributeKey<String> VAULT = SearchAttributeKey.forKeyword("Vault");
  public static final SearchAttributeKey<String> SOURCE_REGION =
      SearchAttributeKey.forKeyword("SourceRegion");
  public static final SearchAttributeKey<String> TARGET_REGION =
      SearchAttributeKey.forKeyword("TargetRegion");
  public static final SearchAttributeKey<String> REPROTECT_STEP =
      SearchAttributeKey.forKeyword("ReprotectStep");

  public static final List<SearchAttributeKey<String>> ALL =
      List.of(VM_NAME, VAULT, SOURCE_REGION, TARGET_REGION, REPROTECT_STEP);

  private ReprotectSearchAttributes() {}

  /** Records a job's direction once its check decided it: from where the VM runs, to where. */
  public static void upsertDirection(String sourceRegion, String targetRegion) {
    Workflow.upsertTypedSearchAttributes(
        SOURCE_REGION.valueSet(sourceRegion), TARGET_REGION.valueSet(targetRegion));
  }
}
