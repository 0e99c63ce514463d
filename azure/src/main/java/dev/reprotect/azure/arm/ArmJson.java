package dev.reprotect.azure.arm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one JSON configuration of the API, and strict readers: a property of the wrong type is an
 * {@link AzureErrorCode#InvalidParameter} naming the property, never a silent default.
 */
public final class ArmJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(32).build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private ArmJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Parses a request or response body; malformed JSON is an InvalidParameter. */
  public static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw invalid("the body is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw invalid("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }

  /** A list as ARM answers it: {@code {"value":[...]}}. */
  public static <T> ObjectNode list(List<T> items, Function<T, JsonNode> toJson) {
    ArrayNode value = array();
    items.forEach(item -> value.add(toJson.apply(item)));
    ObjectNode out = object();
    out.set("value", value);
    return out;
  }

  public static <T> List<T> fromList(JsonNode body, Function<JsonNode, T> fromJson) {
    List<T> items = new ArrayList<>();
    for (JsonNode item : requireArray(body, "value")) {
      items.add(fromJson.apply(item));
    }
    return items;
  }

  /** The common envelope of a resource: id, name, type, location. */
  public static ObjectNode resource(String backendId, String name, String type, String location) {
    ObjectNode out = object();
    out.put("id", ArmPaths.armId(backendId));
    out.put("name", name);
    out.put("type", type);
    if (location != null) {
      out.put("location", location);
    }
    return out;
  }

  /** The properties object of a resource, with ARM's provisioningState. */
  public static ObjectNode properties(ObjectNode resource) {
    ObjectNode properties = resource.putObject("properties");
    properties.put("provisioningState", "Succeeded");
    return properties;
  }

  public static JsonNode requireObject(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw invalid("property '" + field + "' must be an object");
    }
    return value;
  }

  /** An optional object: null when absent or JSON null. */
  public static JsonNode optionalObject(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw invalid("property '" + field + "' must be an object");
    }
    return value;
  }

  public static JsonNode requireArray(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw invalid("property '" + field + "' must be an array");
    }
    return value;
  }

  public static String requireText(JsonNode node, String field) {
    String value = optionalText(node, field);
    if (value == null) {
      throw invalid("property '" + field + "' is required");
    }
    return value;
  }

  /** An optional string: null when absent or JSON null. */
  public static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid("property '" + field + "' must be a string");
    }
    return value.asText();
  }

  public static long requireLong(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid("property '" + field + "' must be an integer");
    }
    return value.longValue();
  }

  public static double requireNumber(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw invalid("property '" + field + "' must be a number");
    }
    return value.doubleValue();
  }

  public static int requireInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
      throw invalid("property '" + field + "' must be a 32-bit integer");
    }
    return value.intValue();
  }

  /** An optional integer: null when absent or JSON null. */
  public static Integer optionalInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : requireInt(node, field);
  }

  public static boolean requireBoolean(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw invalid("property '" + field + "' must be true or false");
    }
    return value.booleanValue();
  }

  public static <E extends Enum<E>> E requireEnum(JsonNode node, String field, Class<E> type) {
    String text = requireText(node, field);
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw invalid("property '" + field + "' has no value " + text);
    }
  }

  public static Instant requireInstant(JsonNode node, String field) {
    String text = requireText(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid("property '" + field + "' must be an ISO-8601 instant");
    }
  }

  public static AzureException invalid(String message) {
    return new AzureException(AzureErrorCode.InvalidParameter, message);
  }
}
