package org.deltaboost.strategies;

/**
 * Immutable, validated parameters of an output strategy: the scale {@code alpha} and offset {@code
 * beta} of the train-time output (used by the boosted rules, ignored by the others) and the target
 * values for the negative and positive classes.
 *
 * @param id the strategy id, one of {@link Strategies#ids()}
 * @param alpha scale of the boosted output; must be finite, and positive where the rule uses it
 * @param beta offset of the boosted output; must be finite
 * @param negativeTarget target value of every class but the labelled one; must be finite
 * @param positiveTarget target value of the labelled class; finite and above {@code negativeTarget}
 */
public record StrategyConfig(
    String id, double alpha, double beta, double negativeTarget, double positiveTarget) {

  /** Validates every field; throws {@link IllegalArgumentException} naming the field and value. */
  public StrategyConfig {
    KnownStrategy known = KnownStrategy.byId(id);
    requireFinite("alpha", alpha);
    requireFinite("beta", beta);
    requireFinite("negativeTarget", negativeTarget);
    requireFinite("positiveTarget", positiveTarget);
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
   * Returns a copy with another {@code alpha}.
   *
   * @param a the new alpha
   * @return the validated copy
   */
  public StrategyConfig withAlpha(double a) {
    return new StrategyConfig(id, a, beta, negativeTarget, positiveTarget);
  }

  /**
   * Returns a copy with another {@code beta}.
   *
   * @param b the new beta
   * @return the validated copy
   */
  public StrategyConfig withBeta(double b) {
    return new StrategyConfig(id, alpha, b, negativeTarget, positiveTarget);
  }

  /**
   * Returns a copy with other target values.
   *
   * @param neg the new negative target
   * @param pos the new positive target
   * @return the validated copy
   */
  public StrategyConfig withTargets(double neg, double pos) {
    return new StrategyConfig(id, alpha, beta, neg, pos);
  }

  private static void requireFinite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be finite, got " + value);
    }
  }
}
