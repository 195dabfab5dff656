package org.deltaboost.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --set FIELD=VALUE} options: config field (dotted for nested, e.g. {@code
 * data.cropSize}) to value; a value that parses as JSON is taken as JSON (numbers, booleans,
 * arrays, objects), anything else as a string (a dataset name).
 */
final class FieldAssignments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FieldAssignments() {}

  /**
   * Parses the options in order, later ones winning.
   *
   * @param assignments {@code FIELD=VALUE} texts, or {@code null}
   * @return field to value
   * @throws IllegalArgumentException naming an option that is not {@code FIELD=VALUE}
   */
  static Map<String, Object> parse(List<String> assignments) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (String set : assignments == null ? List.<String>of() : assignments) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set must be FIELD=VALUE, got '" + set + "'");
      }
      String value = set.substring(eq + 1);
      Object parsed;
      try {
        parsed = JSON.readTree(value);
      } catch (JsonProcessingException e) {
        parsed = value;
      }
      overrides.put(set.substring(0, eq), parsed);
    }
    return overrides;
  }
}
