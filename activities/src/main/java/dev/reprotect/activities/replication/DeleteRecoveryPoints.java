package dev.reprotect.activities.replication;

import java.util.List;

/** Delete the recovery points that retention no longer keeps. */
public record DeleteRecoveryPoints(String vault, String vm, List<String> pointIds) {
  public DeleteRecoveryPoints {
    pointIds = List.copyOf(pointIds);
  }
}
