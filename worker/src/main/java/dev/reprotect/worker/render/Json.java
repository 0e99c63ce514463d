package dev.reprotect.worker.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.reprotect.worker.client.CliError;

/** The one JSON configuration of the CLI's output: indented, times as ISO-8601 text. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** {@code value}'s object with one more text field, for output that a record does not hold. */
  public static String writeWith(Object value, String field, String text) {
    ObjectNode node = MAPPER.valueToTree(value);
    return write(node.put(field, text));
  }

  public static String error(CliError error) {
    return write(new ErrorBody(error));
  }

  /** ARM's error shape: {"error":{"code","message"}}. */
  private record ErrorBody(CliError error) {}
}
