package dev.reprotect.azure;

import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.HexFormat;

/**
 * The hash of one allocated block of a page blob: the hex XXH3-128 of its bytes, computed from the
 * bytes where they live at the time it is asked for, never taken from stored metadata.
 */
public record BlockHash(long index, String hash) {
  /** What one entry weighs on the wire: an 8-byte index and a 16-byte XXH3-128. */
  public static final int WIRE_BYTES = 8 + 16;

  private static final Hasher128 XXH3_128 = Hashing.xxh3_128();
  private static final HexFormat HEX = HexFormat.of();

  /** The hash of a block's bytes, as {@link #hash} holds it. */
  public static String of(byte[] data) {
    return HEX.formatHex(XXH3_128.hashBytesTo128Bits(data).toByteArray());
  }
}
