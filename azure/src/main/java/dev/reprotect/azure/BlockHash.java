package dev.reprotect.azure;

/** The hash of one allocated block of a page blob. */
public record BlockHash(long index, String sha256) {
  /** What one entry weighs on the wire: an 8-byte index and a 32-byte SHA-256. */
  public static final int WIRE_BYTES = 8 + 32;
}
