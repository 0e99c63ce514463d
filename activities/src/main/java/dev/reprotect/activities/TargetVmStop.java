package dev.reprotect.activities;

/**
 * What turning a VM off found when it ran, and so what it did: the reprotect's stop of the target
 * VM, the failover's shutdown of the source VM.
 */
public enum TargetVmStop {
  TurnedOff,
  AlreadyStopped,
  Gone
}
