package org.deltaboost.harness.train.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The learning rate each strategy trains with when none is given, read from the shipped {@code
 * default-learning-rates.json}. The values and the command that chose them are in the README;
 * boosted strategies need far smaller rates than softmax-CE.
 */
public final class LearningRateDefaults {

  private static final String RESOURCE = "default-learning-rates.json";
  private final Map<String, Double> rates;

  private LearningRateDefaults(Map<String, Double> rates) {
    this.rates = Map.copyOf(rates);
  }

  /** Loads the shipped defaults. */
  public static LearningRateDefaults shipped() {
    try (InputStream in = LearningRateDefaults.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + RESOURCE + " is missing from the harness jar");
      }
      Map<String, Double> rates =
          new ObjectMapper().readValue(in, new TypeReference<Map<String, Double>>() {});
      return new LearningRateDefaults(rates);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Returns the default learning rate of a strategy id.
   *
   * @throws IllegalArgumentException when it has none, naming it and the ones that have
   */
  public double forStrategy(String strategyId) {
    requireDefault(strategyId);
    return rates.get(strategyId);
  }

  /**
   * Checks that a strategy id has a default learning rate.
   *
   * @throws IllegalArgumentException when it has none, naming it and the ones that have
   */
  public void requireDefault(String strategyId) {
    if (!rates.containsKey(strategyId)) {
      throw new IllegalArgumentException(
          "no default learning rate for strategy '" + strategyId + "'; known: " + rates.keySet());
    }
  }
}
