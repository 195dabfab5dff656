package org.deltaboost.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.runs.RunObserver;
import org.deltaboost.harness.runs.RunRecorder;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.records.EpochResult;
import org.deltaboost.records.RunResult;
import org.deltaboost.records.StrategySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine through a fake executor that writes records without training anything. */
class GridRunnerTest {

  /**
   * Runs trial {@code i} from the grid folder alone, as a job on another machine would: reads the
   * plan file, and records the trial as completed (group {@code linear}) or diverged.
   */
  private static final class RecordWritingExecutor implements TrialExecutor {
    final List<Integer> executed = new ArrayList<>();
    final Map<Integer, String> leaveTo = new LinkedHashMap<>();
    Runnable beforeLast = () -> {};

    @Override
    public TrialAttempt execute(GridPlan plan, int index, GridListener listener)
        throws IOException {
      executed.add(index);
      if (index == plan.trials().size() - 1) {
        beforeLast.run();
      }
      if (leaveTo.containsKey(index)) {
        return TrialAttempt.leftTo(leaveTo.get(index));
      }
      GridTrial trial = GridPlan.read(plan.folder()).trials().get(index);
      assertEquals(plan.trials().get(index), trial);
      boolean diverges = !trial.group().equals("linear");
      writeRecord(plan.trialFolder(index), trial, diverges);
      return diverges ? TrialAttempt.diverged("non-finite loss") : TrialAttempt.trained();
    }
  }

  static void writeRecord(Path folder, GridTrial trial, boolean diverged) {
    try (RunRecorder recorder =
        new RunRecorder(
            folder, Map.of("config", new TrainingConfigReader().toTree(trial.config())))) {
      if (diverged) {
        recorder.finish(RunResult.diverged("loss became NaN", 1, 1));
      } else {
        for (int e = 1; e <= trial.config().epochs(); e++) {
          recorder.onEpochEnd(new EpochResult(e, 0.5, 0.4 - 0.1 * e, 1.0, 100, 0.1), 1);
        }
        int epochs = trial.config().epochs();
        double last = 0.4 - 0.1 * epochs;
        recorder.finish(RunResult.completed(last, last, epochs, epochs, 0));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes down every event, in order. */
  private static final class EventLog implements GridListener {
    final List<String> events = new ArrayList<>();

    @Override
    public RunObserver observer(GridTrial trial) {
      return new RunObserver() {};
    }

    @Override
    public void onTrialStart(GridTrial trial, int index, int total, boolean first) {
      events.add("start " + trial.id() + " " + (index + 1) + "/" + total + (first ? " first" : ""));
    }

    @Override
    public void onTrialEnd(GridTrial trial, TrialAttempt attempt) {
      events.add("end " + trial.id() + " " + attempt.kind());
    }

    @Override
    public void onGroupEnd(String group, List<TrialOutcome> outcomes) {
      events.add(
          "group "
              + group
              + " "
              + outcomes.stream().filter(TrialOutcome::finished).count()
              + "/"
              + outcomes.size());
    }
  }

  private static GridPlan plan(Path folder) {
    return GridPlan.of(
        GridPlanTest.experiment(GridPlanTest.TWO_BY_TWO), List.of(), Map.of("epochs", 2), folder);
  }

  @Test
  void theSeamRunsEveryTrialFromThePlanFileAndTheOutcomeSummarizesEachGroup(@TempDir Path dir)
      throws Exception {
    GridPlan plan = plan(dir.resolve("grid"));
    RecordWritingExecutor executor = new RecordWritingExecutor();
    EventLog log = new EventLog();
    GridOutcome outcome = new GridRunner(executor, log).run(plan);

    assertEquals(List.of(0, 1, 2, 3), executor.executed);
    assertEquals(
        List.of(
            "start linear-s5 1/4 first",
            "end linear-s5 TRAINED",
            "start exp-gb-lr50-s5 2/4 first",
            "end exp-gb-lr50-s5 DIVERGED",
            "start linear-s6 3/4",
            "end linear-s6 TRAINED",
            "group linear 2/2",
            "start exp-gb-lr50-s6 4/4",
            "end exp-gb-lr50-s6 DIVERGED",
            "group exp-gb-lr50 2/2"),
        log.events);
    assertTrue(outcome.complete());
    List<StrategySummary> summaries = outcome.summaries(0.25, 1L);
    assertEquals("linear", summaries.get(0).strategy());
    assertEquals(2, summaries.get(0).completed());
    // epoch 2 of every trial has error 0.4 - 0.2: the median and its interval are that value
    assertEquals(0.2, summaries.get(0).finalTestError().median(), 1e-12);
    assertEquals(2, summaries.get(0).reachedTarget());
    assertEquals(2, summaries.get(1).diverged());
    assertNull(summaries.get(1).finalTestError());
  }

  @Test
  void aTrialLeftToAnotherProcessCountsOnceItHasFinishedElseItIsNamedUnfinished(@TempDir Path dir)
      throws Exception {
    GridPlan plan = plan(dir.resolve("grid"));
    RecordWritingExecutor executor = new RecordWritingExecutor();
    executor.leaveTo.put(2, "pid 42 on elsewhere");
    // the other process finishes its trial while this one trains the rest
    executor.beforeLast = () -> writeRecord(plan.trialFolder(2), plan.trials().get(2), false);
    EventLog log = new EventLog();
    GridOutcome outcome = new GridRunner(executor, log).run(plan);
    assertTrue(log.events.contains("group linear 1/2"), log.events.toString());
    assertTrue(outcome.complete());
    assertEquals("pid 42 on elsewhere", outcome.trials().get(2).heldBy());
    assertEquals(2, outcome.summaries(0.25, 1L).get(0).completed());

    GridPlan other = plan(dir.resolve("other"));
    RecordWritingExecutor never = new RecordWritingExecutor();
    never.leaveTo.put(1, "pid 7 on elsewhere");
    GridOutcome incomplete = new GridRunner(never, new EventLog()).run(other);
    assertFalse(incomplete.complete());
    assertEquals(1, incomplete.unfinished().size());
    assertEquals("exp-gb-lr50-s5", incomplete.unfinished().get(0).trial().id());
    assertEquals("pid 7 on elsewhere", incomplete.unfinished().get(0).heldBy());
    assertEquals(1, incomplete.summaries(0.25, 1L).get(1).diverged());
  }

  @Test
  void aBatchExecutorGetsOnlyTheUnfinishedTrialsAtOnceAndItsFailuresAreNamed(@TempDir Path dir)
      throws Exception {
    GridPlan plan = plan(dir.resolve("grid"));
    plan.write();
    // trial 0 finished before: skipped, never handed over
    writeRecord(plan.trialFolder(0), plan.trials().get(0), false);
    List<List<Integer>> batches = new ArrayList<>();
    TrialBatchExecutor batch =
        (p, indexes, progress) -> {
          batches.add(List.copyOf(indexes));
          progress.accept(new GridProgress(0, 2, 1, 0));
          for (int i : indexes) {
            if (i != 3) {
              GridTrial trial = GridPlan.read(p.folder()).trials().get(i);
              writeRecord(p.trialFolder(i), trial, !trial.group().equals("linear"));
            }
          }
          progress.accept(new GridProgress(2, 0, 0, 1));
          return Map.of(3, "exit status 1; log: x.log");
        };
    EventLog log = new EventLog();
    List<String> progress = new ArrayList<>();
    GridListener listening =
        new GridListener() {
          @Override
          public RunObserver observer(GridTrial trial) {
            return log.observer(trial);
          }

          @Override
          public void onTrialEnd(GridTrial trial, TrialAttempt attempt) {
            log.onTrialEnd(trial, attempt);
          }

          @Override
          public void onGroupEnd(String group, List<TrialOutcome> outcomes) {
            log.onGroupEnd(group, outcomes);
          }

          @Override
          public void onProgress(GridProgress p) {
            progress.add(p.line());
          }
        };
    GridOutcome outcome = new GridRunner(batch, listening).run(plan);

    assertEquals(List.of(List.of(1, 2, 3)), batches);
    // the trial finished before counts as done in every progress line
    assertEquals(
        List.of(
            "1 done / 2 running / 1 pending / 0 failed",
            "3 done / 0 running / 0 pending / 1 failed"),
        progress);
    // only the groups whose every trial finished are read back
    assertEquals(List.of("end linear-s5 SKIPPED", "group linear 2/2"), log.events);
    assertFalse(outcome.complete());
    assertEquals(1, outcome.failed().size());
    assertEquals("exp-gb-lr50-s6", outcome.failed().get(0).trial().id());
    assertEquals("exit status 1; log: x.log", outcome.failed().get(0).failure());
    assertEquals(2, outcome.summaries(0.25, 1L).get(0).completed());

    // nothing left: nothing is handed over, and collect reads the same outcome
    writeRecord(plan.trialFolder(3), plan.trials().get(3), true);
    batches.clear();
    assertTrue(new GridRunner(batch, listening).run(plan).complete());
    assertEquals(List.of(), batches);
    assertTrue(GridRunner.collect(plan).complete());
  }
}
