package org.deltaboost.harness.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.strategies.StrategyConfig;

/**
 * One point of a search: a learning rate and, for the strategies whose space searches them, the
 * strategy parameters; a {@code null} parameter is not searched (the base config's value stays).
 *
 * @param learningRate the SGD learning rate
 * @param alpha the strategy's α, or {@code null}
 * @param beta the strategy's β, or {@code null}
 * @param negativeTarget the target of the other classes, or {@code null}
 * @param positiveTarget the target of the labelled class, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TunedParameters(
    double learningRate, Double alpha, Double beta, Double negativeTarget, Double positiveTarget) {

  /** Checks the learning rate. */
  public TunedParameters {
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException(
          "learningRate must be a finite number > 0, got " + learningRate);
    }
  }

  /**
   * The parameters a config trains with, for the fields the space searches: its resolved learning
   * rate and, where searched, its resolved α, β and targets (the others {@code null}).
   */
  public static TunedParameters of(TrainingConfig config, SearchSpace space) {
    StrategyConfig s = config.strategy().toStrategyConfig();
    return new TunedParameters(
        config.resolvedLearningRate(),
        space.alphas().isEmpty() ? null : s.alpha(),
        space.betas().isEmpty() ? null : s.beta(),
        space.negativeTargets().isEmpty() ? null : s.negativeTarget(),
        space.positiveTargets().isEmpty() ? null : s.positiveTarget());
  }

  /** Checks the parameters against the strategy's rules ({@link StrategyConfig}). */
  public void validate(String strategyId) {
    StrategyConfig config = StrategyConfig.defaults(strategyId);
    if (alpha != null) {
      config = config.withAlpha(alpha);
    }
    if (beta != null) {
      config = config.withBeta(beta);
    }
    config.withTargets(
        negativeTarget != null ? negativeTarget : config.negativeTarget(),
        positiveTarget != null ? positiveTarget : config.positiveTarget());
  }

  /**
   * The config fields these parameters set, as dotted names ({@code learningRate}, {@code
   * strategy.alpha}, …) for {@code --set}-style overrides.
   */
  public Map<String, Object> overrides() {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("learningRate", learningRate);
    putIfSet(fields, "strategy.alpha", alpha);
    putIfSet(fields, "strategy.beta", beta);
    putIfSet(fields, "strategy.negativeTarget", negativeTarget);
    putIfSet(fields, "strategy.positiveTarget", positiveTarget);
    return fields;
  }

  /** The same fields as a partial config object ({@code learningRate}, {@code strategy{…}}). */
  public ObjectNode toConfigFields() {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("learningRate", learningRate);
    ObjectNode strategy = node.putObject("strategy");
    if (alpha != null) {
      strategy.put("alpha", alpha);
    }
    if (beta != null) {
      strategy.put("beta", beta);
    }
    if (negativeTarget != null) {
      strategy.put("negativeTarget", negativeTarget);
    }
    if (positiveTarget != null) {
      strategy.put("positiveTarget", positiveTarget);
    }
    if (strategy.isEmpty()) {
      node.remove("strategy");
    }
    return node;
  }

  /** Reads as {@code lr=0.02 alpha=0.1 beta=0 targets=0,10}, leaving out what is not searched. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add("lr=" + number(learningRate));
    if (alpha != null) {
      parts.add("alpha=" + number(alpha));
    }
    if (beta != null) {
      parts.add("beta=" + number(beta));
    }
    if (negativeTarget != null || positiveTarget != null) {
      parts.add(
          "targets="
              + (negativeTarget == null ? "-" : number(negativeTarget))
              + ","
              + (positiveTarget == null ? "-" : number(positiveTarget)));
    }
    return String.join(" ", parts);
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.4g", v)
        .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
        .replace(".e", "e")
        .replaceAll("\\.$", "");
  }

  private static void putIfSet(Map<String, Object> fields, String name, Double value) {
    if (value != null) {
      fields.put(name, value);
    }
  }
}
