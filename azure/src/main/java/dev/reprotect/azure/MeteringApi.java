package dev.reprotect.azure;

import java.util.List;

/** What the backend measured of itself. */
public interface MeteringApi {
  /** Bytes that crossed from one region to the other, in that direction. */
  long bytesTransferred(String fromRegion, String toRegion);

  /**
   * Bytes that crossed regions, in any direction, for the callers whose correlation id starts with
   * {@code correlationIdPrefix}: what one job cost, every attempt of every step included.
   */
  long bytesTransferredBy(String correlationIdPrefix);

  /**
   * What the backend charged the callers whose correlation id starts with {@code
   * correlationIdPrefix}, summed: what one job run cost on disks, in calls and in time, every
   * attempt of every step included. The empty prefix gives the backend's totals, the calls that
   * name no caller included.
   */
  CallerCosts costsBy(String correlationIdPrefix);

  /** Every mutating operation applied, oldest first. */
  List<ActivityLogEntry> activityLog();
}
