package org.deltaboost.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingConfigReaderTest {

  private final TrainingConfigReader reader = new TrainingConfigReader();

  @Test
  void noFileAndNoOverridesGiveTheDefaults() throws Exception {
    assertEquals(TrainingConfig.defaults(), reader.read(null, Map.of()));
  }

  @Test
  void fileFieldsOverrideDefaultsAndFlagsOverrideTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run.json");
    Files.writeString(
        file, "{\"epochs\": 7, \"strategy\": {\"id\": \"pow3-gb\", \"alpha\": 0.002}, \"seed\": 3}");
    TrainingConfig config = reader.read(file, Map.of("seed", 9, "strategy.beta", 0.5));
    assertEquals(7, config.epochs());
    assertEquals(9, config.seed());
    assertEquals("pow3-gb", config.strategy().id());
    assertEquals(0.002, config.strategy().alpha());
    assertEquals(0.5, config.strategy().beta());
    assertNull(config.strategy().negativeTarget());
    assertEquals(128, config.batchSize());
  }

  @Test
  void writtenConfigReadsBackEqual(@TempDir Path dir) throws Exception {
    TrainingConfig config = reader.read(null, Map.of("epochs", 2, "learningRate", 0.03));
    Path file = dir.resolve("config.json");
    Files.writeString(file, reader.toJson(config));
    assertEquals(config, reader.read(file, Map.of()));
  }

  @Test
  void unknownFieldIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"epoch\": 3}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.read(file, Map.of()));
    assertTrue(e.getMessage().contains("epoch") && e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void invalidJsonNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"epochs\": ");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.read(file, Map.of()));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void outOfRangeValuesNameFieldAndValue() {
    IllegalArgumentException epochs =
        assertThrows(IllegalArgumentException.class, () -> reader.read(null, Map.of("epochs", 0)));
    assertTrue(epochs.getMessage().contains("epochs must be >= 1, got 0"), epochs.getMessage());
    IllegalArgumentException lr =
        assertThrows(
            IllegalArgumentException.class, () -> reader.read(null, Map.of("learningRate", -0.1)));
    assertTrue(lr.getMessage().contains("learningRate"), lr.getMessage());
    IllegalArgumentException momentum =
        assertThrows(IllegalArgumentException.class, () -> reader.read(null, Map.of("momentum", 1.0)));
    assertTrue(momentum.getMessage().contains("momentum must be in [0, 1)"), momentum.getMessage());
  }

  @Test
  void everyStrategyHasAShippedLearningRate() {
    LearningRateDefaults defaults = LearningRateDefaults.shipped();
    for (String id : org.deltaboost.strategies.Strategies.ids()) {
      assertTrue(defaults.forStrategy(id) > 0, id);
    }
  }
}
