package org.deltaboost.strategies;

import java.util.ArrayList;
import java.util.List;

/** Configurations the tests run: every default, and a non-default one per strategy. */
final class TestConfigs {

  private TestConfigs() {}

  static StrategyConfig nonDefault(String id) {
    StrategyConfig defaults = StrategyConfig.defaults(id);
    return switch (id) {
      case "softmax-ce" -> defaults.withTargets(0.05, 0.55);
      case "linear" -> defaults.withTargets(-0.5, 0.75);
      case "sigmoid" -> defaults.withTargets(0.1, 0.9);
      case "tanh" -> defaults.withTargets(-0.8, 0.8);
      case "exp-gb" -> defaults.withAlpha(0.37).withBeta(-0.25).withTargets(-2, 5);
      case "pow3-gb" -> defaults.withAlpha(0.02).withBeta(0.3).withTargets(-1.5, 4);
      case "mirrored-exp" -> defaults.withAlpha(0.6).withBeta(0.1).withTargets(-1, 2);
      case "rescaled-square" -> defaults.withTrueClassWeight(3.5).withTargets(-0.5, 4);
      case "squentropy" -> defaults.withTargets(0.05, 0.55);
      case "label-smoothing-ce" -> defaults.withSmoothing(0.25).withTargets(0.05, 0.55);
      default -> throw new IllegalArgumentException(id);
    };
  }

  /** Whether the strategy has an output-block form (all but two: their deltas need the label). */
  static boolean hasOutputBlock(String id) {
    return !id.equals("rescaled-square") && !id.equals("squentropy");
  }

  static List<StrategyConfig> all() {
    List<StrategyConfig> configs = new ArrayList<>();
    for (String id : Strategies.ids()) {
      configs.add(StrategyConfig.defaults(id));
      configs.add(nonDefault(id));
    }
    return configs;
  }
}
