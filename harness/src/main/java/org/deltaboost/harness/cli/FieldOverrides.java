package org.deltaboost.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --set FIELD=VALUE} options of {@code train}, {@code compare}, {@code tune} and {@code
 * infer} as config overrides:
 * the value is read as JSON (numbers, booleans, arrays, objects), or taken as a plain string when
 * it is not JSON (e.g. a dataset name).
 */
final class FieldOverrides {

  private FieldOverrides() {}

  /**
   * Parses the options.
   *
   * @param sets the {@code --set} values, or {@code null}
   * @param commandLine the command, for usage errors
   * @return dotted field name to value, in the order given
   * @throws ParameterException when one is not {@code FIELD=VALUE}
   */
  static Map<String, Object> parse(List<String> sets, CommandLine commandLine) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String set : sets == null ? List.<String>of() : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(commandLine, "--set must be FIELD=VALUE, got '" + set + "'");
      }
      String value = set.substring(eq + 1);
      Object parsed;
      try {
        parsed = json.readTree(value);
      } catch (JsonProcessingException e) {
        parsed = value; // not JSON: a plain string such as a dataset name
      }
      overrides.put(set.substring(0, eq), parsed);
    }
    return overrides;
  }
}
