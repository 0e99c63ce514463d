package dev.reprotect.azure;

import java.util.List;

/** What the backend measured of itself. */
public interface MeteringApi {
  /** Bytes that crossed from one region to the other, in that direction. */
  long bytesTransferred(String fromRegion, String toRegion);

  /** Every mutating operation applied, oldest first. */
  List<ActivityLogEntry> activityLog();
}
