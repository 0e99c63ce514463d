package dev.reprotect.azure.arm;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route of the API with {@code {name}} placeholders: the server registers the pattern as it is,
 * the client expands it with percent-encoded names. So a route is written down once.
 */
public record PathTemplate(String pattern) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  /** Longer than any resource name the backend accepts, short enough to bound a URL. */
  private static final int MAX_SEGMENT_LENGTH = 260;

  public PathTemplate child(String suffix) {
    return new PathTemplate(pattern + suffix);
  }

  /** The placeholders' names, in order. */
  public List<String> parameters() {
    List<String> names = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(pattern);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * The path with each placeholder replaced, in order, by a value. A value that cannot be one path
   * segment (see {@link #isSafeSegment}) is an {@link AzureErrorCode#InvalidResourceName}.
   */
  public String expand(String... values) {
    Matcher matcher = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    int next = 0;
    while (matcher.find()) {
      if (next >= values.length) {
        throw new IllegalArgumentException("too few values for " + pattern);
      }
      String value = values[next++];
      if (!isSafeSegment(value)) {
        throw new AzureException(
            AzureErrorCode.InvalidResourceName, "invalid " + matcher.group(1) + " name " + value);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
    }
    if (next != values.length) {
      throw new IllegalArgumentException("too many values for " + pattern);
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Whether a name can travel as one path segment and mean nothing but itself: not empty, not
   * {@code .} or {@code ..}, no separators, no percent sign (so no double decoding), no control
   * characters, and of bounded length. No resource of the API can have any other name.
   */
  public static boolean isSafeSegment(String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > MAX_SEGMENT_LENGTH
        || value.equals(".")
        || value.equals("..")) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '%' || c == '?' || c == '#') {
        return false;
      }
    }
    return true;
  }

  /** Percent-encodes everything but RFC 3986's unreserved characters. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
