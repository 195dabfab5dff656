package org.deltaboost.strategies;

/**
 * Immutable, validated parameters of an output strategy: the scale {@code alpha} and offset {@code
 * beta} of the train-time output (used by the boosted rules, ignored by the others), the target
 * values for the negative and positive classes, the weight {@code k} of the labelled class's
 * squared error (rescaled-square, ignored by the others) and the label smoothing {@code ε}
 * (label-smoothing-ce, ignored by the others).
 *
 * @param id the strategy id, one of {@link Strategies#ids()}
 * @param alpha scale of the boosted output; must be finite, and positive where the rule uses it
 * @param beta offset of the boosted output; must be finite
 * @param negativeTarget target value of every class but the labelled one; must be finite
 * @param positiveTarget target value of the labelled class; finite and above {@code negativeTarget}
 *     (rescaled-square's {@code M})
 * @param trueClassWeight rescaled-square's {@code k}, the weight of the labelled class's squared
 *     error; finite and greater than 0
 * @param smoothing label-smoothing-ce's {@code ε}, in {@code [0, 1)}
 */
public record StrategyConfig(
    String id,
    double alpha,
    double beta,
    double negativeTarget,
    double positiveTarget,
    double trueClassWeight,
    double smoothing) {

  /** Validates every field; throws {@link IllegalArgumentException} naming the field and value. */
  public StrategyConfig {
    KnownStrategy known = KnownStrategy.byId(id);
    requireFinite("alpha", alpha);
    requireFinite("beta", beta);
    requireFinite("negativeTarget", negativeTarget);
    requireFinite("positiveTarget", positiveTarget);
    requireFinite("trueClassWeight", trueClassWeight);
    requireFinite("smoothing", smoothing);
    if (!(positiveTarget > negativeTarget)) {
      throw new IllegalArgumentException(
          "positiveTarget "
              + positiveTarget
              + " must be greater than negativeTarget "
              + negativeTarget
              + " (strategy "
              + id
              + ")");
    }
    // A non-positive scale would make y(z) non-increasing, so argmax(z) would stop predicting.
    if (known.usesAlpha() && !(alpha > 0)) {
      throw new IllegalArgumentException(
          "alpha " + alpha + " must be greater than 0 for strategy " + id);
    }
    if (!(trueClassWeight > 0)) {
      throw new IllegalArgumentException(
          "trueClassWeight " + trueClassWeight + " must be greater than 0 (strategy " + id + ")");
    }
    if (!(smoothing >= 0 && smoothing < 1)) {
      throw new IllegalArgumentException(
          "smoothing " + smoothing + " must be in [0, 1) (strategy " + id + ")");
    }
  }

  /**
   * The parameters without the two of the square-loss rules: {@code trueClassWeight} 1 and {@code
   * smoothing} 0, which every rule but rescaled-square and label-smoothing-ce ignores.
   *
   * @param id the strategy id
   * @param alpha scale of the boosted output
   * @param beta offset of the boosted output
   * @param negativeTarget target value of every class but the labelled one
   * @param positiveTarget target value of the labelled class
   */
  public StrategyConfig(
      String id, double alpha, double beta, double negativeTarget, double positiveTarget) {
    this(id, alpha, beta, negativeTarget, positiveTarget, 1, 0);
  }

  /**
   * Returns the shipped defaults of a strategy.
   *
   * @param id the strategy id, one of {@link Strategies#ids()}
   * @return its default configuration
   * @throws IllegalArgumentException if the id is unknown
   */
  public static StrategyConfig defaults(String id) {
    return KnownStrategy.byId(id).defaults();
  }

  /**
   * Returns the shipped defaults of a strategy for a task with {@code numClasses} classes: those of
   * {@link #defaults(String)}, except rescaled-square's {@code k} and {@code M}, which follow the
   * class count ({@link SquareLossRescaling}).
   *
   * @param id the strategy id, one of {@link Strategies#ids()}
   * @param numClasses the number of classes, at least 1
   * @return its default configuration for that many classes
   * @throws IllegalArgumentException if the id is unknown or {@code numClasses < 1}
   */
  public static StrategyConfig defaults(String id, int numClasses) {
    return KnownStrategy.byId(id).defaults(numClasses);
  }

  /**
   * Returns a copy with another {@code alpha}.
   *
   * @param a the new alpha
   * @return the validated copy
   */
  public StrategyConfig withAlpha(double a) {
    return new StrategyConfig(
        id, a, beta, negativeTarget, positiveTarget, trueClassWeight, smoothing);
  }

  /**
   * Returns a copy with another {@code beta}.
   *
   * @param b the new beta
   * @return the validated copy
   */
  public StrategyConfig withBeta(double b) {
    return new StrategyConfig(
        id, alpha, b, negativeTarget, positiveTarget, trueClassWeight, smoothing);
  }

  /**
   * Returns a copy with other target values.
   *
   * @param neg the new negative target
   * @param pos the new positive target
   * @return the validated copy
   */
  public StrategyConfig withTargets(double neg, double pos) {
    return new StrategyConfig(id, alpha, beta, neg, pos, trueClassWeight, smoothing);
  }

  /**
   * Returns a copy with another weight of the labelled class's squared error (rescaled-square's
   * {@code k}).
   *
   * @param k the new weight
   * @return the validated copy
   */
  public StrategyConfig withTrueClassWeight(double k) {
    return new StrategyConfig(id, alpha, beta, negativeTarget, positiveTarget, k, smoothing);
  }

  /**
   * Returns a copy with another label smoothing (label-smoothing-ce's {@code ε}).
   *
   * @param epsilon the new smoothing
   * @return the validated copy
   */
  public StrategyConfig withSmoothing(double epsilon) {
    return new StrategyConfig(
        id, alpha, beta, negativeTarget, positiveTarget, trueClassWeight, epsilon);
  }

  private static void requireFinite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be finite, got " + value);
    }
  }
}
