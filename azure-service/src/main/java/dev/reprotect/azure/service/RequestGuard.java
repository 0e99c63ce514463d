package dev.reprotect.azure.service;

import dev.reprotect.azure.arm.ArmErrors;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses, before any route sees it, a request whose raw path plays tricks ({@code ..}, {@code .},
 * empty segments, encoded separators, dots or percent signs) or whose declared body is too large. A
 * refused request changes nothing.
 */
final class RequestGuard {
  private static final String[] ENCODED_TRICKS = {"%2f", "%5c", "%2e", "%25", "%00"};

  /** A blob's block, or a guest's write to a VM's disk (the admin route). */
  private static final Pattern BLOCK_PATH = Pattern.compile("/(blobs|disks)/[^/]+/blocks/[^/]+$");

  private final int blockSize;

  RequestGuard(int blockSize) {
    this.blockSize = blockSize;
  }

  void check(Context ctx) {
    String problem = pathProblem(ctx.req().getRequestURI());
    if (problem != null) {
      refuse(ctx, 400, ArmErrors.INVALID_REQUEST_URI, problem);
      return;
    }
    long declared = ctx.req().getContentLengthLong();
    int limit = bodyLimit(ctx);
    if (declared > limit) {
      refuse(ctx, 413, ArmErrors.REQUEST_TOO_LARGE, "the body exceeds " + limit + " bytes");
    }
  }

  /** A block write carries one block; everything else is JSON. */
  int bodyLimit(Context ctx) {
    return BLOCK_PATH.matcher(ctx.path()).find() ? blockSize : Requests.MAX_JSON_BYTES;
  }

  static String pathProblem(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return "the path must be absolute";
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    for (String trick : ENCODED_TRICKS) {
      if (lower.contains(trick)) {
        return "the path must not encode " + trick;
      }
    }
    String[] segments = rawPath.substring(1).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "the path must not have empty, '.' or '..' segments";
      }
    }
    return null;
  }

  private static void refuse(Context ctx, int status, String code, String message) {
    ArmErrorResponses.write(ctx, status, ArmErrors.body(code, message, null));
    ctx.skipRemainingHandlers();
  }
}
