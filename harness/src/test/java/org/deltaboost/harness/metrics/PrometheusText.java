package org.deltaboost.harness.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads samples from the Prometheus text format, for tests: a metric name and labels to a value.
 */
public final class PrometheusText {

  private PrometheusText() {}

  /**
   * The value of the sample named {@code name} whose labels include every {@code key="value"} pair
   * given, or empty when there is none.
   */
  public static Optional<Double> value(String text, String name, String... labels) {
    return text.lines()
        .filter(line -> !line.startsWith("#"))
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(label -> labelsOf(line).contains(label)))
        .map(line -> parse(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  /** Like {@link #value} but fails naming the sample when it is absent. */
  public static double require(String text, String name, String... labels) {
    return value(text, name, labels)
        .orElseThrow(
            () ->
                new AssertionError("no sample " + name + " " + List.of(labels) + " in:\n" + text));
  }

  private static List<String> labelsOf(String line) {
    int open = line.indexOf('{');
    int close = line.lastIndexOf('}');
    return open < 0 ? List.of() : Arrays.asList(line.substring(open + 1, close).split(","));
  }

  private static double parse(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }
}
