package org.deltaboost.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deltaboost.data.core.InputNormalization;

/**
 * What an exported model records about its training, stored as ONNX {@code metadata_props}: the
 * output strategy with its α, β and targets, the dataset, the class names (index = label), the
 * input normalization and the training run id.
 *
 * <p>Keys are {@code deltaboost.strategy}, {@code .alpha}, {@code .beta}, {@code .negative_target},
 * {@code .positive_target}, {@code .dataset}, {@code .class_names} (one name per line), {@code
 * .input_normalization} ({@link InputNormalization#toString()}) and {@code .run_id}; numbers are
 * written with {@link Double#toString(double)} so they read back exactly.
 *
 * @param strategyId the output strategy id, e.g. {@code exp-gb}
 * @param alpha the strategy's α (as configured, even where the rule ignores it)
 * @param beta the strategy's β
 * @param negativeTarget target value of the classes not labelled
 * @param positiveTarget target value of the labelled class
 * @param dataset the dataset name, e.g. {@code fashion-mnist}
 * @param classNames the class names, indexed by label; at least two, none blank or multi-line
 * @param inputNormalization how raw pixels become the network input
 * @param runId the training run that produced the parameters
 */
public record ExportMetadata(
    String strategyId,
    double alpha,
    double beta,
    double negativeTarget,
    double positiveTarget,
    String dataset,
    List<String> classNames,
    InputNormalization inputNormalization,
    String runId) {

  static final String PREFIX = "deltaboost.";

  /** Validates every field; throws {@link IllegalArgumentException} naming the field and value. */
  public ExportMetadata {
    requireText("strategyId", strategyId);
    requireText("dataset", dataset);
    requireText("runId", runId);
    requireFinite("alpha", alpha);
    requireFinite("beta", beta);
    requireFinite("negativeTarget", negativeTarget);
    requireFinite("positiveTarget", positiveTarget);
    Objects.requireNonNull(inputNormalization, "inputNormalization");
    classNames = List.copyOf(classNames);
    if (classNames.size() < 2) {
      throw new IllegalArgumentException("classNames needs at least 2 classes, got " + classNames);
    }
    for (String name : classNames) {
      if (name.isBlank() || name.contains("\n") || name.contains("\r")) {
        throw new IllegalArgumentException(
            "classNames must be non-blank single lines, got '" + name + "' in " + classNames);
      }
    }
  }

  /**
   * Returns the ONNX {@code metadata_props} entries, in a stable order.
   *
   * @return key → value
   */
  public Map<String, String> toProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(PREFIX + "strategy", strategyId);
    p.put(PREFIX + "alpha", Double.toString(alpha));
    p.put(PREFIX + "beta", Double.toString(beta));
    p.put(PREFIX + "negative_target", Double.toString(negativeTarget));
    p.put(PREFIX + "positive_target", Double.toString(positiveTarget));
    p.put(PREFIX + "dataset", dataset);
    p.put(PREFIX + "class_names", String.join("\n", classNames));
    p.put(PREFIX + "input_normalization", inputNormalization.toString());
    p.put(PREFIX + "run_id", runId);
    return p;
  }

  /**
   * Reads the entries written by {@link #toProperties()}.
   *
   * @param properties the model's metadata
   * @param source the file read, for messages
   * @return the metadata
   * @throws OnnxException naming the file and the missing or malformed key
   */
  public static ExportMetadata fromProperties(Map<String, String> properties, String source)
      throws OnnxException {
    try {
      return new ExportMetadata(
          text(properties, "strategy", source),
          number(properties, "alpha", source),
          number(properties, "beta", source),
          number(properties, "negative_target", source),
          number(properties, "positive_target", source),
          text(properties, "dataset", source),
          List.of(text(properties, "class_names", source).split("\n", -1)),
          InputNormalization.parse(text(properties, "input_normalization", source)),
          text(properties, "run_id", source));
    } catch (IllegalArgumentException e) {
      throw new OnnxException(source + ": metadata: " + e.getMessage(), e);
    }
  }

  private static String text(Map<String, String> p, String key, String source)
      throws OnnxException {
    String value = p.get(PREFIX + key);
    if (value == null) {
      throw new OnnxException(
          source + ": metadata: expected key " + PREFIX + key + ", found keys " + p.keySet());
    }
    return value;
  }

  private static double number(Map<String, String> p, String key, String source)
      throws OnnxException {
    String value = text(p, key, source);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new OnnxException(
          source + ": metadata: " + PREFIX + key + ": expected a number, found '" + value + "'", e);
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank() || value.contains("\n")) {
      throw new IllegalArgumentException(field + " must be a non-blank single line, got " + value);
    }
  }

  private static void requireFinite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be finite, got " + value);
    }
  }
}
