package org.deltaboost.strategies;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The seven strategies of the paper and three later square-loss and cross-entropy rules: id,
 * shipped defaults and constructor, in a stable order. Holds primitives only, so {@link
 * StrategyConfig} can validate against it without an initialization cycle.
 */
enum KnownStrategy {
  SOFTMAX_CE("softmax-ce", false, 1, 0, 0, 1, SoftmaxCrossEntropyStrategy::new),
  LINEAR("linear", false, 1, 0, 0, 1, LinearStrategy::new),
  SIGMOID("sigmoid", false, 1, 0, 0, 1, SigmoidStrategy::new),
  TANH("tanh", false, 1, 0, 0, 1, TanhStrategy::new),
  EXP_GB("exp-gb", true, 0.1, 0, 0, 10, ExpBoostedStrategy::new),
  POW3_GB("pow3-gb", true, 0.005, 0, -1, 5, Pow3BoostedStrategy::new),
  MIRRORED_EXP("mirrored-exp", true, 1, 0, 0, 1, MirroredExpStrategy::new),
  RESCALED_SQUARE("rescaled-square", false, 1, 0, 0, 1, RescaledSquareStrategy::new),
  SQUENTROPY("squentropy", false, 1, 0, 0, 1, SquentropyStrategy::new),
  LABEL_SMOOTHING_CE(
      "label-smoothing-ce", false, 1, 0, 0, 1, LabelSmoothingCrossEntropyStrategy::new);

  /** Label-smoothing-ce's default ε (Müller, Kornblith & Hinton 2019 use 0.1 throughout). */
  private static final double DEFAULT_SMOOTHING = 0.1;

  private final String id;
  private final boolean usesAlpha;
  private final double alpha;
  private final double beta;
  private final double negativeTarget;
  private final double positiveTarget;
  private final Function<StrategyConfig, OutputStrategy> constructor;

  KnownStrategy(
      String id,
      boolean usesAlpha,
      double alpha,
      double beta,
      double negativeTarget,
      double positiveTarget,
      Function<StrategyConfig, OutputStrategy> constructor) {
    this.id = id;
    this.usesAlpha = usesAlpha;
    this.alpha = alpha;
    this.beta = beta;
    this.negativeTarget = negativeTarget;
    this.positiveTarget = positiveTarget;
    this.constructor = constructor;
  }

  static KnownStrategy byId(String id) {
    for (KnownStrategy known : values()) {
      if (known.id.equals(id)) {
        return known;
      }
    }
    throw new IllegalArgumentException(
        "unknown strategy id '" + id + "'; valid ids: " + String.join(", ", ids()));
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(k -> k.id).collect(Collectors.toUnmodifiableList());
  }

  /** Whether the rule's output scales with alpha (so alpha must be positive). */
  boolean usesAlpha() {
    return usesAlpha;
  }

  StrategyConfig defaults() {
    double smoothing = this == LABEL_SMOOTHING_CE ? DEFAULT_SMOOTHING : 0;
    return new StrategyConfig(id, alpha, beta, negativeTarget, positiveTarget, 1, smoothing);
  }

  /** The defaults for a task of {@code numClasses} classes: rescaled-square's k and M follow it. */
  StrategyConfig defaults(int numClasses) {
    SquareLossRescaling rescaling = SquareLossRescaling.forClasses(numClasses);
    if (this != RESCALED_SQUARE) {
      return defaults();
    }
    return defaults()
        .withTrueClassWeight(rescaling.trueClassWeight())
        .withTargets(negativeTarget, rescaling.positiveTarget());
  }

  OutputStrategy create(StrategyConfig config) {
    return constructor.apply(config);
  }
}
