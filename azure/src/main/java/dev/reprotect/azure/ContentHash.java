package dev.reprotect.azure;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Azure's transactional content hash of a page write ({@code Content-MD5}): the writer computes it
 * over the bytes it sends, storage checks it over the bytes that arrived before it keeps them. A
 * write that fails the check is refused ({@link AzureErrorCode#Md5Mismatch}): nothing of it is
 * kept, and sending it again may succeed.
 */
public final class ContentHash {
  private ContentHash() {}

  /** The base64 MD5 of the bytes, as Azure's {@code Content-MD5} header carries it. */
  public static String of(byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  /** Refuses bytes that do not hash to the content hash the writer sent with them. */
  public static void check(byte[] arrived, String contentMd5) {
    if (!of(arrived).equals(contentMd5)) {
      throw new AzureException(
          AzureErrorCode.Md5Mismatch,
          "the bytes that arrived do not hash "
              + "to the Content-MD5 sent with them ("
              + contentMd5
              + "): nothing was written");
    }
  }
}
