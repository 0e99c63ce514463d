package dev.reprotect.azure.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * The digest of a blob's logical content: SHA-256 over {@code size N\n}, then {@code index hash\n}
 * for each allocated block in index order, the hash being the SHA-256 of the block's bytes. One
 * formula for the two ways of knowing a block's hash, so the two compare: hashed from the bytes
 * read now ({@code checksum}), or as storage recorded it when it wrote the bytes (a block is stored
 * under that name), which reads nothing.
 */
final class BlobDigest {
  private BlobDigest() {}

  static String of(long sizeBytes, Map<Long, String> sha256ByBlock) {
    MessageDigest digest = BlockStore.newSha256();
    digest.update(("size " + sizeBytes + "\n").getBytes(StandardCharsets.US_ASCII));
    sha256ByBlock.forEach(
        (index, hash) ->
            digest.update((index + " " + hash + "\n").getBytes(StandardCharsets.US_ASCII)));
    return HexFormat.of().formatHex(digest.digest());
  }
}
