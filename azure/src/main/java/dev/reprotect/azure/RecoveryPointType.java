package dev.reprotect.azure;

public enum RecoveryPointType {
  CrashConsistent,
  AppConsistent
}
