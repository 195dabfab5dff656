package org.deltaboost.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.deltaboost.harness.train.config.StrategySettings;

/**
 * What {@code deltaboost demo} runs, read from the shipped {@code demo.json}.
 *
 * @param epochs epochs per strategy
 * @param batchSize batch size
 * @param seed seed of every run
 * @param strategies the strategies compared side by side, each at its default learning rate
 */
record DemoConfig(int epochs, int batchSize, long seed, List<StrategySettings> strategies) {

  static DemoConfig shipped() {
    try (InputStream in = DemoConfig.class.getResourceAsStream("demo.json")) {
      if (in == null) {
        throw new IllegalStateException("resource demo.json is missing from the harness jar");
      }
      return new ObjectMapper().readValue(in, DemoConfig.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo.json", e);
    }
  }
}
