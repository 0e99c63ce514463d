package dev.reprotect.workflows.replication;

public enum ReplicationHealth {
  Healthy,
  Warning,
  Critical
}
