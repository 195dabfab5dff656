package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.experiments.Experiment;
import org.deltaboost.harness.grid.GridPlan;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialCommandTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void runsOnePlannedTrialSkipsItOnceFinishedRecordsDivergenceAndRefusesAHeldOne(@TempDir Path dir)
      throws Exception {
    Path experiment = dir.resolve("tiny.json");
    Files.writeString(
        experiment,
        """
        {"description": "t", "paper": "none", "trials": 1, "targetError": 0.5,
         "strategies": ["softmax-ce", "exp-gb-lr50"],
         "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 1,
                    "trainLimit": 300, "batchSize": 64},
         "perStrategy": {"exp-gb-lr50": {"strategy": {"id": "exp-gb"}, "learningRate": 50}}}
        """);
    Path grid = dir.resolve("grid");
    GridPlan.of(Experiment.load(experiment.toString()), List.of(), Map.of(), grid).write();
    String g = grid.toString();

    CliRunner.Result first = CliRunner.once("trial", "--grid", g, "--index", "0");
    assertEquals(0, first.status(), first.err() + first.out());
    assertTrue(first.out().contains("[softmax-ce s1] finished"), first.out());
    assertTrue(Files.exists(grid.resolve("softmax-ce-s1/result.json")));

    CliRunner.Result again = CliRunner.once("trial", "--grid", g, "--index", "0");
    assertEquals(0, again.status(), again.err());
    assertTrue(again.out().contains("[softmax-ce s1] already completed, skipped"), again.out());

    CliRunner.Result diverged = CliRunner.once("trial", "--grid", g, "--index", "1");
    assertEquals(0, diverged.status(), diverged.err());
    assertTrue(diverged.out().contains("[exp-gb-lr50 s1] diverged, recorded"), diverged.out());

    try (RunFolderLock held = RunFolderLock.acquire(grid.resolve("softmax-ce-s1"))) {
      CliRunner.Result refused = CliRunner.once("trial", "--grid", g, "--index", "0");
      assertEquals(TrialCommand.EXIT_LOCKED, refused.status(), refused.err());
      assertEquals(1, refused.err().lines().count(), refused.err());
      assertTrue(
          refused.err().startsWith("deltaboost: error: trial folder " + held.folder()),
          refused.err());
      assertTrue(refused.err().contains("is in use by pid"), refused.err());
    }

    CliRunner.Result outOfRange = CliRunner.once("trial", "--grid", g, "--index", "2");
    assertEquals(2, outOfRange.status());
    assertTrue(outOfRange.err().contains("--index must be in 0..1"), outOfRange.err());

    CliRunner.Result noPlan =
        CliRunner.once("trial", "--grid", dir.resolve("none").toString(), "--index", "0");
    assertEquals(1, noPlan.status());
    assertEquals(1, noPlan.err().lines().count(), noPlan.err());
    assertTrue(noPlan.err().contains("cannot read grid plan"), noPlan.err());
  }
}
