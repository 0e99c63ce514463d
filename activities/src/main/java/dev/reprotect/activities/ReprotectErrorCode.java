package dev.reprotect.activities;

/**
 * The stable error codes of a reprotect, in the order the prerequisites are checked. They are the
 * types of the failures that workflows and the CLI report, for scripts and tests to match on.
 */
public enum ReprotectErrorCode {
  RecoveryPlanNotSupported,
  ItemNotFound,
  OperationInProgress,
  AlreadyProtected,
  FailoverNotCommitted,
  MigrationCompleted,
  SourceVmDeleted,
  SourceVmMoved,
  TargetRegionUnavailable,
  NetworkMappingMissing,
  NetworkNotCustomizable,
  InvalidCustomization,
  /** Not a prerequisite: the plan a job would run differs from the one the user reviewed. */
  PlanChanged
}
