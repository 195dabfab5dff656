package org.deltaboost.harness.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        file,
        "{\"epochs\": 7, \"strategy\": {\"id\": \"pow3-gb\", \"alpha\": 0.002}, \"seed\": 3}");
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
    assertTrue(
        e.getMessage().contains("epoch") && e.getMessage().contains(file.toString()),
        e.getMessage());
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
        assertThrows(
            IllegalArgumentException.class, () -> reader.read(null, Map.of("momentum", 1.0)));
    assertTrue(momentum.getMessage().contains("momentum must be in [0, 1)"), momentum.getMessage());
  }

  @Test
  void optimizerFieldsDefaultToPlainSgdAtAConstantRate() throws Exception {
    TrainingConfig config = reader.read(null, Map.of());
    assertEquals("sgd", config.optimizer());
    assertEquals(0.0, config.weightDecay());
    assertEquals(0.0, config.momentum());
    assertEquals(AdamSettings.defaults(), config.adam());
    assertEquals(ScheduleSettings.constant(), config.schedule());
  }

  @Test
  void optimizerFieldsAreReadFromFileAndFlags(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(
        file,
        "{\"optimizer\": \"adam\", \"adam\": {\"beta2\": 0.99}, \"weightDecay\": 5e-4,"
            + " \"schedule\": {\"type\": \"step\", \"stepEpochs\": 3}}");
    TrainingConfig config = reader.read(file, Map.of("schedule.gamma", 0.5, "adam.epsilon", 1e-6));
    assertEquals("adam", config.optimizer());
    assertEquals(new AdamSettings(0.9, 0.99, 1e-6), config.adam());
    assertEquals(5e-4, config.weightDecay());
    assertEquals(new ScheduleSettings("step", 3, 0.5, 0.0, 0.0), config.schedule());
  }

  @Test
  void badOptimizerFieldsNameFieldAndValue() {
    IllegalArgumentException optimizer =
        assertThrows(
            IllegalArgumentException.class,
            () -> reader.read(null, Map.of("optimizer", "rmsprop")));
    assertTrue(
        optimizer.getMessage().contains("optimizer must be one of sgd, adam, got 'rmsprop'"),
        optimizer.getMessage());
    IllegalArgumentException adamMomentum =
        assertThrows(
            IllegalArgumentException.class,
            () -> reader.read(null, Map.of("optimizer", "adam", "momentum", 0.9)));
    assertTrue(
        adamMomentum
            .getMessage()
            .contains("momentum applies to optimizer sgd only, got 0.9 with adam"),
        adamMomentum.getMessage());
    IllegalArgumentException decay =
        assertThrows(
            IllegalArgumentException.class, () -> reader.read(null, Map.of("weightDecay", -0.1)));
    assertTrue(
        decay.getMessage().contains("weightDecay must be a finite number >= 0, got -0.1"),
        decay.getMessage());
    IllegalArgumentException schedule =
        assertThrows(
            IllegalArgumentException.class,
            () -> reader.read(null, Map.of("schedule.type", "cyclic")));
    assertTrue(
        schedule
            .getMessage()
            .contains("schedule.type must be one of constant, step, cosine, got 'cyclic'"),
        schedule.getMessage());
    IllegalArgumentException beta =
        assertThrows(
            IllegalArgumentException.class, () -> reader.read(null, Map.of("adam.beta1", -0.5)));
    assertTrue(
        beta.getMessage().contains("adam.beta1 must be in [0, 1), got -0.5"), beta.getMessage());
  }

  @Test
  void everyStrategyHasAShippedLearningRate() {
    LearningRateDefaults defaults = LearningRateDefaults.shipped();
    for (String id : org.deltaboost.strategies.Strategies.ids()) {
      assertTrue(defaults.forStrategy(id) > 0, id);
    }
  }

  @Test
  void aFieldGivenTwiceInAFileIsRefusedNamingItsLine(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("twice.json"),
            "{\"strategy\": {\"id\": \"exp-gb\",\n \"id\": \"linear\"}}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.read(file, Map.of()));
    assertEquals(
        "config file " + file + ": not valid JSON: Duplicate field 'id' (line 2, column 6)",
        e.getMessage());
  }

  @Test
  void unreadableFilesAreNamedWithWhy(@TempDir Path dir) throws Exception {
    java.io.IOException missing =
        assertThrows(
            java.io.IOException.class, () -> reader.read(dir.resolve("no.json"), Map.of()));
    assertEquals("config file " + dir.resolve("no.json") + ": no such file", missing.getMessage());
    java.io.IOException folder =
        assertThrows(java.io.IOException.class, () -> reader.read(dir, Map.of()));
    assertEquals(
        "config file " + dir + ": is a directory, expected a JSON file", folder.getMessage());
    Path latin1 =
        Files.write(
            dir.resolve("latin1.json"),
            new byte[] {
              '{', '"', 'd', 'a', 't', 'a', 's', 'e', 't', '"', ':', '"', (byte) 0xE9, '"', '}'
            });
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.read(latin1, Map.of()));
    assertEquals(
        "config file " + latin1 + ": not UTF-8 text (byte 0xE9 at offset 12)", e.getMessage());
  }

  @Test
  void silentCoercionsAreRefusedNamingTheField(@TempDir Path dir) throws Exception {
    Path fraction = Files.writeString(dir.resolve("fraction.json"), "{\"epochs\": 2.7}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.read(fraction, Map.of()));
    assertTrue(
        e.getMessage()
            .startsWith("config file " + fraction + ": field epochs: Cannot coerce Floating-point"),
        e.getMessage());
    Path nullSeed = Files.writeString(dir.resolve("null.json"), "{\"seed\": null}");
    e = assertThrows(IllegalArgumentException.class, () -> reader.read(nullSeed, Map.of()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "config file " + nullSeed + ": field seed: Cannot map `null` into type `long`"),
        e.getMessage());
    Path trailing =
        Files.writeString(dir.resolve("trailing.json"), "{\"epochs\": 2} {\"epochs\": 3}");
    e = assertThrows(IllegalArgumentException.class, () -> reader.read(trailing, Map.of()));
    assertTrue(
        e.getMessage().startsWith("config file " + trailing + ": not valid JSON: Trailing token"),
        e.getMessage());
  }

  @Test
  void deepNestingIsRefusedBeforeItOverflowsTheStack() {
    String deep = "{\"data\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ConfigLayer.of("config file deep.json", deep));
    assertTrue(
        e.getMessage()
            .startsWith(
                "config file deep.json: not valid JSON: Document nesting depth (65) exceeds"),
        e.getMessage());
  }

  @Test
  void aNullAmongTheHistogramEpochsIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                reader.readLayers(
                    List.of(
                        ConfigLayer.of(
                            "config file p.json",
                            "{\"probes\": {\"deltaHistogramEpochs\": [1, null]}}")),
                    Map.of()));
    assertEquals(
        "config file p.json: probes.deltaHistogramEpochs: every epoch must be >= 1, got null",
        e.getMessage());
  }

  @Test
  void aRunRecordWrittenWhenResumeWasAFieldReadsWithoutIt(@TempDir Path folder) throws Exception {
    for (String resume : List.of("true", "false")) {
      ObjectNode recorded =
          reader
              .toTree(reader.read(null, Map.of("epochs", 3)))
              .put("resume", resume.equals("true"));
      TrainingConfig read =
          reader.readLayers(List.of(ConfigLayer.ofRunRecord(folder, recorded)), Map.of());
      assertEquals(reader.read(null, Map.of("epochs", 3)), read);
      assertTrue(recorded.has("resume"), "the record's own tree is left as it was");
    }
  }

  @Test
  void resumeIsRunControlNotAField() throws Exception {
    assertEquals(
        TrainingConfig.defaults(),
        reader.readLayers(List.of(ConfigLayer.of("old.json", "{\"resume\": false}")), Map.of()),
        "false, starting afresh, is what every run does unless told");
    IllegalArgumentException inFile =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                reader.readLayers(
                    List.of(ConfigLayer.of("config file old.json", "{\"resume\": true}")),
                    Map.of()));
    assertEquals(
        "config file old.json: resume is run control, not a config field: continue a run folder"
            + " with train --run-id ID --resume",
        inFile.getMessage());
    IllegalArgumentException inOverride =
        assertThrows(
            IllegalArgumentException.class, () -> reader.read(null, Map.of("resume", true)));
    assertTrue(inOverride.getMessage().startsWith("config: resume is run control"));
    assertFalse(reader.toTree(TrainingConfig.defaults()).has("resume"));
  }

  @Test
  void validateChecksTheStrategyAndItsDefaultLearningRate() throws Exception {
    TrainingConfig config = reader.read(null, Map.of("strategy", Map.of("id", "exp-gb")));
    assertEquals(config, config.validate());
    assertEquals(
        LearningRateDefaults.shipped().forStrategy("exp-gb"), config.resolvedLearningRate());
    TrainingConfig unknown = reader.read(null, Map.of("strategy", Map.of("id", "no-such")));
    assertThrows(IllegalArgumentException.class, unknown::validate);
    TrainingConfig given =
        reader.read(null, Map.of("strategy", Map.of("id", "exp-gb"), "learningRate", 0.25));
    assertEquals(0.25, given.validate().resolvedLearningRate());
  }

  @Test
  void squareLossParametersAreReadResolvedByClassCountAndLeftOutWhenUnset(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("run.json");
    Files.writeString(
        file, "{\"strategy\": {\"id\": \"rescaled-square\", \"trueClassWeight\": 4}}");
    StrategySettings square = reader.read(file, Map.of()).validate().strategy();
    assertEquals(4.0, square.trueClassWeight());
    // k as given; M from the class count where not given (1 for 10 classes, 30 for 1000).
    assertEquals(4.0, square.toStrategyConfig(1000).trueClassWeight());
    assertEquals(30.0, square.toStrategyConfig(1000).positiveTarget());
    assertEquals(1.0, square.toStrategyConfig(10).positiveTarget());
    assertEquals(
        15.0, StrategySettings.of("rescaled-square").toStrategyConfig(1000).trueClassWeight());

    TrainingConfig smoothed =
        reader.read(null, Map.of("strategy.id", "label-smoothing-ce", "strategy.smoothing", 0.2));
    assertEquals(0.2, smoothed.validate().strategy().toStrategyConfig(10).smoothing());
    assertEquals(0.1, StrategySettings.of("label-smoothing-ce").toStrategyConfig(10).smoothing());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                reader
                    .read(
                        null, Map.of("strategy.id", "label-smoothing-ce", "strategy.smoothing", 1))
                    .validate());
    assertTrue(e.getMessage().contains("smoothing 1.0"), e.getMessage());

    // Unset, they are not written: configs and checkpoint identities from before read the same.
    JsonNode strategy = reader.toTree(TrainingConfig.defaults()).get("strategy");
    assertFalse(strategy.has("trueClassWeight"), strategy.toString());
    assertFalse(strategy.has("smoothing"), strategy.toString());
    assertTrue(strategy.has("alpha"), strategy.toString());
  }
}
