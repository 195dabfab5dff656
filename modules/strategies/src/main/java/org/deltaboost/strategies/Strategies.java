package org.deltaboost.strategies;

import java.util.List;

/** Registry of the output strategies, by id: the paper's seven and three later rules. */
public final class Strategies {

  private static final List<String> IDS = KnownStrategy.ids();

  private Strategies() {}

  /**
   * Returns the strategy ids in a stable order: softmax-ce, linear, sigmoid, tanh, exp-gb, pow3-gb,
   * mirrored-exp, rescaled-square, squentropy, label-smoothing-ce.
   *
   * @return the ids, unmodifiable
   */
  public static List<String> ids() {
    return IDS;
  }

  /**
   * Creates the strategy a configuration names.
   *
   * @param config validated parameters
   * @return the strategy
   */
  public static OutputStrategy create(StrategyConfig config) {
    return KnownStrategy.byId(config.id()).create(config);
  }

  /**
   * Creates a strategy with its default parameters.
   *
   * @param id the strategy id
   * @return the strategy
   * @throws IllegalArgumentException if the id is unknown; the message lists the valid ids
   */
  public static OutputStrategy create(String id) {
    return create(StrategyConfig.defaults(id));
  }
}
