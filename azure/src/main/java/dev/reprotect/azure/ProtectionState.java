package dev.reprotect.azure;

/** The states of a replicated item, in the order of its lifecycle. */
public enum ProtectionState {
  Protected,
  FailedOver,
  FailoverCommitted,
  Reprotecting,
  ReprotectFailed
}
