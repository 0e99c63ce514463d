package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ContentHash;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmOperations;
import dev.reprotect.azure.arm.PathTemplate;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reading a request and writing an answer, the same way on every route. */
final class Requests {
  /** The largest JSON body a route reads: a transferBlocks list of a few thousand blocks fits. */
  static final int MAX_JSON_BYTES = 64 * 1024;

  private static final int MAX_CORRELATION_ID = 256;
  private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]+");

  private Requests() {}

  static JsonNode json(Context ctx) {
    byte[] body = body(ctx, MAX_JSON_BYTES);
    JsonNode node = ArmJson.parse(utf8(body));
    if (!node.isObject()) {
      throw ArmJson.invalid("the body must be a JSON object");
    }
    return node;
  }

  /** A body that carries nothing: none at all, or a JSON object (the client sends {@code {}}). */
  static void emptyOrJson(Context ctx) {
    if (body(ctx, MAX_JSON_BYTES).length > 0) {
      json(ctx);
    }
  }

  /** JSON is UTF-8: bytes that are not are malformed, not replaced by U+FFFD. */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw ArmJson.invalid("the body is not valid UTF-8");
    }
  }

  /** The body's bytes, refused with a 413 past {@code limit} whatever Content-Length said. */
  static byte[] body(Context ctx, int limit) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length > limit) {
      throw new TooLarge(limit);
    }
    return body;
  }

  /** A name from the path: one decoded segment that means nothing but itself. */
  static String name(Context ctx, String parameter) {
    String value = ctx.pathParam(parameter);
    if (!PathTemplate.isSafeSegment(value)) {
      throw new AzureException(
          AzureErrorCode.InvalidResourceName, "invalid " + parameter + " name " + value);
    }
    return value;
  }

  /** A decimal integer in ASCII digits: Long.parseLong alone would read "１" (U+FF11) as 1. */
  static long number(String parameter, String text) {
    try {
      if (text == null || !ASCII_INTEGER.matcher(text).matches()) {
        throw new NumberFormatException(text);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ArmJson.invalid(parameter + " must be an integer, not " + text);
    }
  }

  static String query(Context ctx, String parameter) {
    String value = ctx.queryParam(parameter);
    if (value == null) {
      throw ArmJson.invalid("the query parameter " + parameter + " is required");
    }
    return value;
  }

  /** Who asks: the client's correlation id, or a fresh one (ARM makes one up too). */
  /**
   * The transactional content hash the writer sent with {@code arrived}; without one (Azure's is
   * optional) the bytes' own, so that the write is kept unchecked. Our client always sends it.
   */
  static String contentMd5(Context ctx, byte[] arrived) {
    String sent = ctx.header(ArmOperations.CONTENT_MD5_HEADER);
    return sent == null ? ContentHash.of(arrived) : sent;
  }

  static Caller caller(Context ctx) {
    String id = ctx.header(ArmOperations.CORRELATION_HEADER);
    if (id == null || id.isBlank()) {
      return Caller.of("http-" + UUID.randomUUID());
    }
    if (id.length() > MAX_CORRELATION_ID || !id.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw ArmJson.invalid(
          "the "
              + ArmOperations.CORRELATION_HEADER
              + " header must be at most "
              + MAX_CORRELATION_ID
              + " printable ASCII characters");
    }
    return Caller.of(id);
  }

  /** The resource as JSON, or ResourceNotFound naming {@code what}. */
  static <T> void found(
      Context ctx, Optional<T> resource, Function<T, ? extends JsonNode> toJson, String what) {
    ok(ctx, toJson.apply(resource.orElseThrow(() -> AzureException.notFound(what))));
  }

  /** A GET of one resource named by one path parameter. */
  static <T> Handler getOne(
      String what,
      String parameter,
      Function<String, Optional<T>> lookup,
      Function<T, ? extends JsonNode> toJson) {
    return ctx -> {
      String name = name(ctx, parameter);
      found(ctx, lookup.apply(name), toJson, what + " " + name);
    };
  }

  /** A GET of one resource named by two path parameters (its scope, then its name). */
  static <T> Handler getOne(
      String what,
      String scope,
      String parameter,
      BiFunction<String, String, Optional<T>> lookup,
      Function<T, ? extends JsonNode> toJson) {
    return ctx -> {
      String scopeName = name(ctx, scope);
      String name = name(ctx, parameter);
      found(ctx, lookup.apply(scopeName, name), toJson, what + " " + scopeName + "/" + name);
    };
  }

  static void ok(Context ctx, JsonNode body) {
    ctx.status(200).contentType("application/json").result(ArmJson.write(body));
  }

  /** A request refused for its size, before anything was done with it. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(int limit) {
      super("the body exceeds " + limit + " bytes");
    }
  }
}
