package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Typed access to the fields of a run record's JSON; a missing or mistyped field is a {@link
 * ReportException} naming where it was read ({@code where}: file, or file and line) and the field,
 * with the value found and what was expected.
 */
final class JsonFields {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonFields() {}

  static JsonNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ReportException("run record file " + file + " is missing");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ReportException("malformed JSON in " + file + ": " + e.getMessage(), e);
    }
  }

  static JsonNode required(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new ReportException(where + ": field '" + field + "' is missing");
    }
    return value;
  }

  static String text(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isTextual()) {
      throw new ReportException(
          where + ": field '" + field + "' is " + value + ", expected a string");
    }
    return value.asText();
  }

  static double number(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isNumber()) {
      throw new ReportException(
          where + ": field '" + field + "' is " + value + ", expected a number");
    }
    return value.asDouble();
  }

  /** A number, or {@code null} when the field is absent or null. */
  static Double optionalNumber(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new ReportException(
          where + ": field '" + field + "' is " + value + ", expected a number or null");
    }
    return value.asDouble();
  }

  /** A fraction in [0, 1] (an error or an IoU), or {@code null} when absent or null. */
  static Double optionalFraction(JsonNode node, String field, Object where) {
    Double value = optionalNumber(node, field, where);
    if (value != null && !(value >= 0 && value <= 1)) {
      throw new ReportException(
          where + ": field '" + field + "' is " + value + ", expected a fraction in [0, 1]");
    }
    return value;
  }

  static long integer(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
      throw new ReportException(
          where + ": field '" + field + "' is " + value + ", expected an integer");
    }
    return value.asLong();
  }

  static JsonNode array(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isArray()) {
      throw new ReportException(
          where + ": field '" + field + "' is " + value + ", expected an array");
    }
    return value;
  }

  static JsonNode object(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isObject()) {
      throw new ReportException(
          where + ": field '" + field + "' is " + value + ", expected an object");
    }
    return value;
  }
}
