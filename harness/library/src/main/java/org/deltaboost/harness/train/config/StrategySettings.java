package org.deltaboost.harness.train.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.deltaboost.strategies.StrategyConfig;

/**
 * The output strategy as a config file names it: an id and optional overrides of its parameters. A
 * {@code null} parameter means the strategy's own default ({@link StrategyConfig#defaults}); {@code
 * trueClassWeight} and {@code smoothing} are written only when set, so configs without them (and
 * the checkpoints recording such configs) read as before.
 */
public record StrategySettings(
    String id,
    Double alpha,
    Double beta,
    Double negativeTarget,
    Double positiveTarget,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double trueClassWeight,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double smoothing) {

  /** Returns settings that use every default of the strategy {@code id}. */
  public static StrategySettings of(String id) {
    return new StrategySettings(id, null, null, null, null, null, null);
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

  /**
   * Resolves the settings into validated strategy parameters, from the defaults that do not depend
   * on the class count ({@link StrategyConfig#defaults(String)}); training resolves them with
   * {@link #toStrategyConfig(int)}.
   */
  public StrategyConfig toStrategyConfig() {
    return overrides(StrategyConfig.defaults(requireId()));
  }

  /**
   * Resolves the settings for a task of {@code numClasses} classes, from the defaults for that many
   * ({@link StrategyConfig#defaults(String, int)}: rescaled-square's k and M follow it).
   */
  public StrategyConfig toStrategyConfig(int numClasses) {
    return overrides(StrategyConfig.defaults(requireId(), numClasses));
  }

  private String requireId() {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("strategy.id is missing");
    }
    return id;
  }

  private StrategyConfig overrides(StrategyConfig defaults) {
    StrategyConfig config = defaults;
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
    if (trueClassWeight != null) {
      config = config.withTrueClassWeight(trueClassWeight);
    }
    if (smoothing != null) {
      config = config.withSmoothing(smoothing);
    }
    return config;
  }
}
