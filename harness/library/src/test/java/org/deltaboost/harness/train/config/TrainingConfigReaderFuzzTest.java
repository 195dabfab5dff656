package org.deltaboost.harness.train.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzz test of a config file's way in: {@link StrictJson} bytes, a {@link
 * ConfigLayer}, {@link TrainingConfigReader#readLayers} over the defaults, and the checks a command
 * makes before training (the strategy's parameters, the learning rate). The documented error is
 * {@link IllegalArgumentException} with a message; anything else, an {@link OutOfMemoryError} or an
 * input that takes over a second is a finding. {@code ./mvnw verify} replays the committed seeds in
 * {@code src/test/resources/org/deltaboost/harness/train/TrainingConfigReaderFuzzTestInputs/}.
 */
class TrainingConfigReaderFuzzTest {

  private final TrainingConfigReader reader = new TrainingConfigReader();

  @FuzzTest
  void configFile(byte[] input) {
    try {
      ConfigLayer layer =
          ConfigLayer.of("config file fuzz.json", StrictJson.read(input, "config file fuzz.json"));
      TrainingConfig config = reader.readLayers(List.of(layer), Map.of());
      config.validate();
      if (!config.equals(
          reader.readLayers(List.of(ConfigLayer.of("written", reader.toJson(config))), Map.of()))) {
        throw new AssertionError(
            "a config does not read back equal from its JSON: " + reader.toJson(config));
      }
    } catch (IllegalArgumentException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("refused without a message", expected);
      }
    }
  }
}
