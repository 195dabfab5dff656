package org.deltaboost.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.experiments.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridPlanTest {

  static Experiment experiment(String json) {
    return Experiment.parse("tiny", json.getBytes(StandardCharsets.UTF_8), "test experiment");
  }

  static final String TWO_BY_TWO =
      """
      {"description": "test", "paper": "none", "trials": 2, "targetError": 0.6,
       "strategies": ["linear", "exp-gb-lr50"],
       "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 1,
                  "trainLimit": 200, "batchSize": 64, "seed": 5},
       "perStrategy": {"exp-gb-lr50": {"strategy": {"id": "exp-gb"}, "learningRate": 50}}}
      """;

  @Test
  void anExperimentsGridIsEveryStrategyWithEverySeedSeedMajor(@TempDir Path dir) {
    GridPlan plan = GridPlan.of(experiment(TWO_BY_TWO), List.of(), Map.of("epochs", 3), dir);
    assertEquals(
        List.of("linear-s5", "exp-gb-lr50-s5", "linear-s6", "exp-gb-lr50-s6"),
        plan.trials().stream().map(GridTrial::id).toList());
    assertEquals(List.of("linear", "exp-gb-lr50"), plan.groups());
    GridTrial last = plan.trials().get(3);
    assertEquals("exp-gb-lr50 s6", last.name());
    assertEquals("exp-gb", last.config().strategy().id());
    assertEquals(50.0, last.config().resolvedLearningRate());
    assertEquals(3, last.config().epochs());
    assertEquals(dir.resolve("exp-gb-lr50-s6"), plan.trialFolder(3));
  }

  @Test
  void theWrittenPlanReadsBackAsTheSameTrials(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("grid");
    GridPlan plan = GridPlan.of(experiment(TWO_BY_TWO), List.of(), Map.of(), folder);
    plan.write();
    assertTrue(Files.isRegularFile(folder.resolve(GridPlan.FILE)));
    assertEquals(plan, GridPlan.read(folder));
  }

  @Test
  void labelsThatMakeNoFolderAndRepeatedTrialsAreRefused(@TempDir Path dir) {
    String escaping = TWO_BY_TWO.replace("exp-gb-lr50", "../x");
    IllegalArgumentException label =
        assertThrows(
            IllegalArgumentException.class,
            () -> GridPlan.of(experiment(escaping), List.of(), Map.of(), dir));
    assertTrue(
        label.getMessage().contains("trial folder of strategy label '../x'"), label.getMessage());

    List<GridTrial> trials = GridPlan.of(experiment(TWO_BY_TWO), List.of(), Map.of(), dir).trials();
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> new GridPlan(dir, List.of(trials.get(0), trials.get(0))));
    assertTrue(twice.getMessage().contains("names trial linear-s5 twice"), twice.getMessage());
  }

  @Test
  void aDamagedPlanFileIsNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(GridPlan.FILE), "{\"trials\": 3}");
    Exception e = assertThrows(java.io.IOException.class, () -> GridPlan.read(dir));
    assertTrue(e.getMessage().contains(dir.resolve(GridPlan.FILE).toString()), e.getMessage());
  }
}
