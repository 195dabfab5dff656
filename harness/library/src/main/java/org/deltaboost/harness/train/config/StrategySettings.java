package org.deltaboost.harness.train.config;

import org.deltaboost.strategies.StrategyConfig;

/**
 * The output strategy as a config file names it: an id and optional overrides of its parameters. A
 * {@code null} parameter means the strategy's own default ({@link StrategyConfig#defaults}).
 */
public record StrategySettings(
    String id, Double alpha, Double beta, Double negativeTarget, Double positiveTarget) {

  /** Returns settings that use every default of the strategy {@code id}. */
  public static StrategySettings of(String id) {
    return new StrategySettings(id, null, null, null, null);
  }

  /**
   * Checks that the id names a strategy and the parameters fit it (the checks of {@link
   * StrategyConfig}).
   *
   * @throws IllegalArgumentException naming the parameter and the value
   */
  public void validate() {
    toStrategyConfig(); // StrategyConfig's factories are its checks
  }

  /** Resolves the settings into validated strategy parameters. */
  public StrategyConfig toStrategyConfig() {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("strategy.id is missing");
    }
    StrategyConfig config = StrategyConfig.defaults(id);
    if (alpha != null) {
      config = config.withAlpha(alpha);
    }
    if (beta != null) {
      config = config.withBeta(beta);
    }
    if (negativeTarget != null || positiveTarget != null) {
      config =
          config.withTargets(
              negativeTarget != null ? negativeTarget : config.negativeTarget(),
              positiveTarget != null ? positiveTarget : config.positiveTarget());
    }
    return config;
  }
}
