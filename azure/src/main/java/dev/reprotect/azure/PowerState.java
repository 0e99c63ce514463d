package dev.reprotect.azure;

public enum PowerState {
  Running,
  Stopped
}
