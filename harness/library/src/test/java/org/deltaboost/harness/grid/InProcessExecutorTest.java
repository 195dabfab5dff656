package org.deltaboost.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.runs.RunObserver;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.records.EpochResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real training of a tiny grid (one linear trial, one exp-gb trial at a learning rate that
 * diverges): divergence is recorded, a rerun skips both, and a larger epoch budget resumes the
 * completed trial from its checkpoint.
 */
class InProcessExecutorTest {

  private static final String ONE_EACH =
      """
      {"description": "test", "paper": "none", "trials": 1, "targetError": 0.9,
       "strategies": ["linear", "exp-gb-lr50"],
       "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 1,
                  "trainLimit": 200, "batchSize": 64},
       "perStrategy": {"exp-gb-lr50": {"strategy": {"id": "exp-gb"}, "learningRate": 50}}}
      """;

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  /** Notes how each trial ended and what its training heard on resuming. */
  private static final class Ends implements GridListener {
    final List<String> ends = new ArrayList<>();
    final List<String> resumed = new ArrayList<>();

    @Override
    public RunObserver observer(GridTrial trial) {
      return new RunObserver() {
        @Override
        public void onResume(List<EpochResult> done, int epochs) {
          resumed.add(trial.id() + " after " + done.size() + "/" + epochs);
        }
      };
    }

    @Override
    public void onTrialEnd(GridTrial trial, TrialAttempt attempt) {
      ends.add(trial.id() + " " + attempt.kind() + " " + attempt.detail());
    }
  }

  private static GridPlan plan(Path folder, int epochs) {
    return GridPlan.of(
        GridPlanTest.experiment(ONE_EACH), List.of(), Map.of("epochs", epochs), folder);
  }

  @Test
  void divergedIsRecordedFinishedIsSkippedAndIncompleteIsResumed(@TempDir Path dir)
      throws Exception {
    Path grid = dir.resolve("grid");
    InProcessExecutor executor = new InProcessExecutor(null);

    Ends first = new Ends();
    GridOutcome outcome = new GridRunner(executor, first).run(plan(grid, 1));
    assertEquals("linear-s1 TRAINED null", first.ends.get(0));
    assertTrue(first.ends.get(1).startsWith("exp-gb-lr50-s1 DIVERGED "), first.ends.toString());
    assertEquals(RunRecord.DIVERGED, RunRecord.read(grid.resolve("exp-gb-lr50-s1")).status());
    assertTrue(outcome.complete());
    assertEquals(1, outcome.summaries(0.9, 1L).get(1).diverged());

    Ends second = new Ends();
    new GridRunner(executor, second).run(plan(grid, 1));
    assertEquals(
        List.of("linear-s1 SKIPPED completed", "exp-gb-lr50-s1 SKIPPED diverged"), second.ends);

    Ends third = new Ends();
    GridOutcome longer = new GridRunner(executor, third).run(plan(grid, 2));
    assertEquals(List.of("linear-s1 after 1/2"), third.resumed);
    assertEquals(List.of("linear-s1 TRAINED null", "exp-gb-lr50-s1 SKIPPED diverged"), third.ends);
    assertEquals(2, Files.readAllLines(grid.resolve("linear-s1/epochs.jsonl")).size());
    assertEquals(2, longer.trials().get(0).record().epochs().size());
    assertEquals(2, GridPlan.read(grid).trials().get(0).config().epochs());
  }
}
