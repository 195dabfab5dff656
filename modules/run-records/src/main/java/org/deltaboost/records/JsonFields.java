package org.deltaboost.records;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed access to the fields of a run record's JSON, for the files and fields without a record type
 * of their own ({@code config.json}, the top of {@code summary.json}); a missing or mistyped field
 * is a {@link RunRecordException} naming where it was read ({@code where}: file, or file and line)
 * and the field, with the value found and what was expected.
 */
public final class JsonFields {
  private JsonFields() {}

  public static JsonNode required(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new RunRecordException(where + ": field '" + field + "' is missing");
    }
    return value;
  }

  public static String text(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isTextual()) {
      throw new RunRecordException(
          where + ": field '" + field + "' is " + value + ", expected a string");
    }
    return value.asText();
  }

  public static double number(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isNumber()) {
      throw new RunRecordException(
          where + ": field '" + field + "' is " + value + ", expected a number");
    }
    return value.asDouble();
  }

  /** A number, or {@code null} when the field is absent or null. */
  public static Double optionalNumber(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new RunRecordException(
          where + ": field '" + field + "' is " + value + ", expected a number or null");
    }
    return value.asDouble();
  }

  /** A string, or {@code null} when the field is absent or null. */
  public static String optionalText(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : text(node, field, where);
  }

  /** An integer, or {@code null} when the field is absent or null. */
  public static Integer optionalInteger(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : (int) integer(node, field, where);
  }

  /** A fraction in [0, 1] (an error or an IoU), or {@code null} when absent or null. */
  public static Double optionalFraction(JsonNode node, String field, Object where) {
    Double value = optionalNumber(node, field, where);
    if (value != null && !(value >= 0 && value <= 1)) {
      throw new RunRecordException(
          where + ": field '" + field + "' is " + value + ", expected a fraction in [0, 1]");
    }
    return value;
  }

  public static long integer(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
      throw new RunRecordException(
          where + ": field '" + field + "' is " + value + ", expected an integer");
    }
    return value.asLong();
  }

  public static JsonNode array(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isArray()) {
      throw new RunRecordException(
          where + ": field '" + field + "' is " + value + ", expected an array");
    }
    return value;
  }

  public static JsonNode object(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isObject()) {
      throw new RunRecordException(
          where + ": field '" + field + "' is " + value + ", expected an object");
    }
    return value;
  }
}
