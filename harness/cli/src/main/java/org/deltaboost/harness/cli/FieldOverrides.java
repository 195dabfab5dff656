package org.deltaboost.harness.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.deltaboost.harness.train.config.StrictJson;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --set FIELD=VALUE} options of {@code train}, {@code compare}, {@code tune} and {@code
 * infer} as config overrides. {@code FIELD} is a field name, dotted for nested ones ({@code
 * strategy.alpha}), each given once. {@code VALUE} is read as {@link StrictJson} (numbers,
 * booleans, {@code null}, arrays, objects), or taken as a plain string when it is not JSON (e.g. a
 * dataset name); an empty value, and one that starts like a JSON object, array or quoted string but
 * is not valid JSON, are refused.
 */
final class FieldOverrides {

  private static final Pattern FIELD =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*");

  private FieldOverrides() {}

  /**
   * Parses the options.
   *
   * @param sets the {@code --set} values, or {@code null}
   * @param commandLine the command, for usage errors
   * @return dotted field name to value, in the order given
   * @throws ParameterException when one is not {@code FIELD=VALUE} as above, naming it
   */
  static Map<String, Object> parse(List<String> sets, CommandLine commandLine) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (String set : sets == null ? List.<String>of() : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(commandLine, "--set must be FIELD=VALUE, got '" + set + "'");
      }
      String field = set.substring(0, eq);
      if (!FIELD.matcher(field).matches()) {
        throw new ParameterException(
            commandLine,
            "--set: '"
                + field
                + "' is not a field name (letters and digits, dotted for nested fields)");
      }
      if (overrides.containsKey(field)) {
        throw new ParameterException(commandLine, "--set " + field + " is given twice");
      }
      overrides.put(field, value(field, set.substring(eq + 1), commandLine));
    }
    return overrides;
  }

  private static Object value(String field, String value, CommandLine commandLine) {
    if (value.isBlank()) {
      throw new ParameterException(
          commandLine,
          "--set " + field + ": empty value, expected a number, true/false, a name or JSON");
    }
    try {
      return StrictJson.parse(value, "--set " + field);
    } catch (IllegalArgumentException e) {
      String start = value.strip();
      if (start.startsWith("{") || start.startsWith("[") || start.startsWith("\"")) {
        throw new ParameterException(commandLine, e.getMessage(), e);
      }
      return value; // not JSON: a plain string such as a dataset name
    }
  }
}
