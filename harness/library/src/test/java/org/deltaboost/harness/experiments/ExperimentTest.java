package org.deltaboost.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {

  @Test
  void everyShippedExperimentResolvesEveryTrial() throws Exception {
    for (String name : Experiment.SHIPPED) {
      Experiment e = Experiment.load(name);
      assertEquals(name, e.name());
      for (String strategy : e.strategies()) {
        for (int t = 1; t <= e.trials(); t++) {
          TrainingConfig c = e.trialConfig(strategy, t, List.of(), Map.of());
          assertEquals(t, c.seed(), name + " " + strategy);
        }
      }
    }
  }

  @Test
  void everyShippedClaimIsAboutStrategiesOfItsExperimentWithAQuote() throws Exception {
    for (String name : Experiment.SHIPPED) {
      Experiment e = Experiment.load(name);
      assertTrue(!e.claims().isEmpty(), name + " states claims");
      for (Claim claim : e.claims()) {
        assertTrue(e.strategies().contains(claim.strategy()), name + " " + claim.id());
        assertTrue(
            e.strategies().contains(claim.referenceOr("softmax-ce")), name + " " + claim.id());
        assertTrue(claim.quote().endsWith("."), name + " " + claim.id() + ": a whole sentence");
      }
    }
    Claim table1 = Experiment.load("table1-fashion-mnist").claims().get(0);
    assertEquals("sigmoid", table1.reference());
    assertEquals(ClaimMetric.CONVERGENCE_EPOCH, table1.metric());
    assertEquals(0.25, table1.size());
    assertEquals(0.10, table1.effectiveMargin());
  }

  @Test
  void gradientRmsClaimsAreMadeOnlyWhereTheGradientRmsIsRecorded() throws Exception {
    int judged = 0;
    for (String name : Experiment.SHIPPED) {
      Experiment e = Experiment.load(name);
      for (Claim claim : e.claims()) {
        if (claim.metric() == ClaimMetric.HIDDEN_GRADIENT_RMS) {
          judged++;
          for (String label : List.of(claim.strategy(), claim.referenceOr("softmax-ce"))) {
            assertTrue(
                e.trialConfig(label, 1, List.of(), Map.of()).probes().gradientRms(),
                name + " " + claim.id() + ": " + label + " records the gradient RMS");
          }
        }
      }
    }
    assertTrue(judged >= 2, "Fig 3's claims are stated: " + judged);
    Claim fig3 =
        Experiment.load("fig1b-cifar10-allconv10").claims().stream()
            .filter(c -> c.id().equals("fig3-pow3-gb-hidden-gradient-rms"))
            .findFirst()
            .orElseThrow();
    assertEquals(2.0, fig3.size());
    assertEquals("higher", fig3.direction());
    assertEquals(ClaimMetric.LOG10_MARGIN, fig3.effectiveMargin());
  }

  @Test
  void badClaimsAreNamed(@TempDir Path dir) throws Exception {
    String experiment =
        "{\"trials\": 1, \"targetError\": 0.1, \"strategies\": [\"linear\"], \"config\": {},"
            + " \"claims\": [{\"id\": \"c1\", \"source\": \"Table 1\", \"quote\": \"q.\","
            + " \"strategy\": \"linear\", \"metric\": \"%s\", \"direction\": \"%s\","
            + " \"paper\": \"p\"}]}";
    Path metric = dir.resolve("metric.json");
    Files.writeString(metric, String.format(experiment, "accuracy", "lower"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Experiment.load(metric.toString()));
    assertTrue(
        e.getMessage().contains("unknown claim metric 'accuracy'")
            && e.getMessage().contains("minTestError"),
        e.getMessage());
    Path direction = dir.resolve("direction.json");
    Files.writeString(direction, String.format(experiment, "minTestError", "down"));
    e = assertThrows(IllegalArgumentException.class, () -> Experiment.load(direction.toString()));
    assertTrue(
        e.getMessage().contains("claim c1: direction must be 'lower' or 'higher', got down"),
        e.getMessage());
  }

  @Test
  void table1CarriesThePapersSettings() throws Exception {
    Experiment table1 = Experiment.load("table1-fashion-mnist");
    assertEquals(20, table1.trials());
    TrainingConfig c = table1.trialConfig("tanh", 1, List.of(), Map.of());
    assertEquals("mlp", c.model());
    assertEquals(100, c.epochs());
    assertEquals(0.0, c.momentum());
    assertEquals("tanh", c.strategy().id());
    assertEquals(
        "mnist",
        Experiment.load("table1-mnist").trialConfig("linear", 1, List.of(), Map.of()).dataset());
  }

  @Test
  void labelsNameVariantsOfAStrategy() throws Exception {
    Experiment fig1b = Experiment.load("fig1b-cifar10-allconv10");
    TrainingConfig c = fig1b.trialConfig("softmax-ce-lr0.05", 2, List.of(), Map.of());
    assertEquals("softmax-ce", c.strategy().id());
    assertEquals(0.05, c.learningRate());
    assertEquals(2, c.seed());
    assertEquals(
        -1.0, fig1b.trialConfig("pow3-gb", 1, List.of(), Map.of()).strategy().negativeTarget());
    assertEquals("allconv10", c.model());
  }

  @Test
  void experimentFilesNameTheSquareLossRulesAndTheirParameters(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("later.json");
    Files.writeString(
        file,
        "{\"trials\": 2, \"targetError\": 0.2,"
            + " \"strategies\": [\"rescaled-square\", \"squentropy\", \"ls-0.2\"],"
            + " \"config\": {\"dataset\": \"fashion-mnist-embedded\"},"
            + " \"perStrategy\": {"
            + "\"rescaled-square\": {\"strategy\": {\"trueClassWeight\": 2, \"positiveTarget\": 3}},"
            + " \"ls-0.2\": {\"strategy\": {\"id\": \"label-smoothing-ce\", \"smoothing\": 0.2}}}}");
    Experiment later = Experiment.load(file.toString());
    TrainingConfig square = later.trialConfig("rescaled-square", 2, List.of(), Map.of());
    assertEquals(2.0, square.strategy().toStrategyConfig(10).trueClassWeight());
    assertEquals(3.0, square.strategy().toStrategyConfig(10).positiveTarget());
    assertEquals(
        "squentropy", later.trialConfig("squentropy", 1, List.of(), Map.of()).strategy().id());
    TrainingConfig smoothed = later.trialConfig("ls-0.2", 1, List.of(), Map.of());
    assertEquals("label-smoothing-ce", smoothed.strategy().id());
    assertEquals(0.2, smoothed.strategy().toStrategyConfig(10).smoothing());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> later.trialConfig("ls-0.2", 1, List.of(), Map.of("strategy.smoothing", -0.5)));
    assertTrue(e.getMessage().contains("smoothing -0.5 must be in [0, 1)"), e.getMessage());
  }

  @Test
  void userLayersAndOverridesWinOverTheExperiment() throws Exception {
    Experiment quick = Experiment.load("quick");
    ConfigLayer user =
        ConfigLayer.of("user", "{\"batchSize\": 32, \"seed\": 10, \"learningRate\": 0.3}");
    TrainingConfig c =
        quick.trialConfig(
            "exp-gb", 3, List.of(user), Map.of("learningRate", 0.001, "strategy.alpha", 0.05));
    assertEquals(32, c.batchSize());
    assertEquals(12, c.seed()); // seeds run from the config's seed
    assertEquals(0.001, c.learningRate());
    assertEquals(0.05, c.strategy().alpha());
    assertEquals("exp-gb", c.strategy().id());
    Experiment narrowed = quick.with(List.of("linear"), 1, 0.5);
    assertEquals(List.of("linear"), narrowed.strategies());
    assertEquals(1, narrowed.trials());
    assertEquals(0.5, narrowed.targetError());
  }

  @Test
  void badExperimentsAreNamed(@TempDir Path dir) throws Exception {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> Experiment.load("table9"));
    assertTrue(
        unknown.getMessage().contains("unknown experiment 'table9'")
            && unknown.getMessage().contains("quick"),
        unknown.getMessage());
    Path withStrategy = dir.resolve("mine.json");
    Files.writeString(
        withStrategy,
        "{\"trials\": 1, \"targetError\": 0.1, \"strategies\": [\"linear\"],"
            + " \"config\": {\"strategy\": {\"id\": \"linear\"}}}");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Experiment.load(withStrategy.toString()));
    assertTrue(
        e.getMessage().contains("mine") && e.getMessage().contains("must not name a strategy"),
        e.getMessage());
    Path typo = dir.resolve("typo.json");
    Files.writeString(
        typo,
        "{\"trials\": 1, \"targetError\": 0.1, \"strategies\": [\"linear\"], \"config\": {},"
            + " \"trial\": 3}");
    e = assertThrows(IllegalArgumentException.class, () -> Experiment.load(typo.toString()));
    assertTrue(
        e.getMessage().contains(typo.toString()) && e.getMessage().contains("trial"),
        e.getMessage());
    Path badField = dir.resolve("bad.json");
    Files.writeString(
        badField,
        "{\"trials\": 0, \"targetError\": 0.1, \"strategies\": [\"linear\"], \"config\": {}}");
    e = assertThrows(IllegalArgumentException.class, () -> Experiment.load(badField.toString()));
    assertTrue(e.getMessage().contains("trials must be >= 1, got 0"), e.getMessage());
    Experiment quick = Experiment.load("quick");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> quick.trialConfig("exp-gb", 1, List.of(), Map.of("batchSize", 0)));
    assertTrue(e.getMessage().contains("batchSize must be >= 1, got 0"), e.getMessage());
  }

  @Test
  void experimentFilesAreReadStrictly(@TempDir Path dir) throws Exception {
    Path twice =
        Files.writeString(
            dir.resolve("twice.json"),
            "{\"trials\": 1,\n \"targetError\": 0.1, \"strategies\": [\"linear\"], \"config\": {},\n \"trials\": 5}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Experiment.load(twice.toString()));
    assertEquals(
        "experiment file "
            + twice
            + ": not valid JSON: Duplicate field 'trials' (line 3, column 10)",
        e.getMessage());
    Path missing = dir.resolve("missing.json");
    java.io.IOException io =
        assertThrows(java.io.IOException.class, () -> Experiment.load(missing.toString()));
    assertEquals("experiment file " + missing + ": no such file", io.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Experiment.parse(
                    "x",
                    "{\"trials\": 1, \"targetError\": 0.1, \"strategies\": [null], \"config\": {}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "experiment file x.json"));
    assertEquals(
        "experiment file x.json: experiment x: strategies must be strategy ids or perStrategy labels,"
            + " got [null]",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Experiment.parse(
                    "x",
                    ("{\"trials\": 1, \"targetError\": 0.1, \"strategies\": [\"linear\"],"
                            + " \"config\": {}, \"perStrategy\": {\"linear\": null}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "experiment file x.json"));
    assertEquals(
        "experiment file x.json: experiment x: perStrategy.linear must be an object of config fields, got null",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Experiment.parse(
                    "x",
                    "{\"trials\": 2.5, \"targetError\": 0.1, \"strategies\": [\"linear\"], \"config\": {}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "experiment file x.json"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "experiment file x.json: field trials: Cannot coerce Floating-point value (2.5)"),
        e.getMessage());
  }
}
