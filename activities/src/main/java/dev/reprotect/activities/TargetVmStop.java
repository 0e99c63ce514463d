package dev.reprotect.activities;

/** What the stop step found when it ran, and so what it did. */
public enum TargetVmStop {
  TurnedOff,
  AlreadyStopped,
  Gone
}
