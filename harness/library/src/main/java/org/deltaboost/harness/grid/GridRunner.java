package org.deltaboost.harness.grid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.runs.RunFolderLockedException;
import org.deltaboost.harness.runs.RunRecord;

/**
 * Runs a grid: writes its plan, then either hands every trial in plan order to a {@link
 * TrialExecutor}, reading each group back when its last trial (in plan order) has been handed over,
 * and at the end reads again the trials left to other processes, so that those finished meanwhile
 * count; or hands the unfinished trials at once to a {@link TrialBatchExecutor}, waits for them,
 * and reads every group back.
 */
public final class GridRunner {

  private final TrialExecutor executor;
  private final TrialBatchExecutor batch;
  private final GridListener listener;

  /**
   * Runs trials one after another.
   *
   * @param executor where trials run
   * @param listener hears the progress
   */
  public GridRunner(TrialExecutor executor, GridListener listener) {
    this.executor = executor;
    this.batch = null;
    this.listener = listener;
  }

  /**
   * Runs the unfinished trials as one batch in other processes. The listener hears {@link
   * GridListener#onTrialEnd} (skipped) for each trial finished before, {@link
   * GridListener#onProgress} while the batch runs, and {@link GridListener#onGroupEnd} after it for
   * each group whose every trial has finished, in plan order.
   *
   * @param batch where trials run
   * @param listener hears the progress
   */
  public GridRunner(TrialBatchExecutor batch, GridListener listener) {
    this.executor = null;
    this.batch = batch;
    this.listener = listener;
  }

  /**
   * Runs {@code plan} (re-running a grid skips its finished trials and resumes the others).
   *
   * @throws IOException when a trial fails for another reason than divergence, or a record cannot
   *     be read
   */
  public GridOutcome run(GridPlan plan) throws IOException {
    plan.write();
    if (batch != null) {
      return runBatch(plan);
    }
    List<GridTrial> trials = plan.trials();
    Map<String, Integer> lastOfGroup = new HashMap<>();
    for (int i = 0; i < trials.size(); i++) {
      lastOfGroup.put(trials.get(i).group(), i);
    }
    TrialOutcome[] outcomes = new TrialOutcome[trials.size()];
    String[] heldBy = new String[trials.size()];
    Set<String> started = new HashSet<>();
    for (int i = 0; i < trials.size(); i++) {
      GridTrial trial = trials.get(i);
      listener.onTrialStart(trial, i, trials.size(), started.add(trial.group()));
      TrialAttempt attempt = executor.execute(plan, i, listener);
      if (attempt.kind() == TrialAttempt.Kind.LEFT_TO_OTHER) {
        heldBy[i] = attempt.detail();
      }
      listener.onTrialEnd(trial, attempt);
      if (lastOfGroup.get(trial.group()) == i) {
        List<TrialOutcome> group = new ArrayList<>();
        for (int j = 0; j <= i; j++) {
          if (trials.get(j).group().equals(trial.group())) {
            outcomes[j] = new TrialOutcome(trials.get(j), finishedRecord(plan, j), heldBy[j]);
            group.add(outcomes[j]);
          }
        }
        listener.onGroupEnd(trial.group(), group);
      }
    }
    // Trials left to another process count once it has finished them.
    for (int i = 0; i < outcomes.length; i++) {
      if (!outcomes[i].finished()) {
        outcomes[i] = new TrialOutcome(trials.get(i), finishedRecord(plan, i), heldBy[i]);
      }
    }
    return new GridOutcome(plan, List.of(outcomes));
  }

  private GridOutcome runBatch(GridPlan plan) throws IOException {
    List<Integer> unfinished = new ArrayList<>();
    for (int i = 0; i < plan.trials().size(); i++) {
      RunRecord record = finishedRecord(plan, i);
      if (record != null) {
        listener.onTrialEnd(plan.trials().get(i), TrialAttempt.skipped(record.status()));
      } else {
        unfinished.add(i);
      }
    }
    int finishedBefore = plan.trials().size() - unfinished.size();
    Map<Integer, String> failures =
        unfinished.isEmpty()
            ? Map.of()
            : batch.executeAll(
                plan, unfinished, p -> listener.onProgress(p.plusDone(finishedBefore)));
    List<TrialOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < plan.trials().size(); i++) {
      outcomes.add(
          new TrialOutcome(plan.trials().get(i), finishedRecord(plan, i), null, failures.get(i)));
    }
    for (String group : plan.groups()) {
      List<TrialOutcome> members =
          outcomes.stream().filter(t -> t.trial().group().equals(group)).toList();
      if (members.stream().allMatch(TrialOutcome::finished)) {
        listener.onGroupEnd(group, members);
      }
    }
    return new GridOutcome(plan, outcomes);
  }

  /**
   * Reads a planned grid's trials as their folders say now, running nothing (e.g. to summarize a
   * grid whose trials a batch scheduler runs).
   *
   * @throws IOException when a record cannot be read
   */
  public static GridOutcome collect(GridPlan plan) throws IOException {
    List<TrialOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < plan.trials().size(); i++) {
      outcomes.add(new TrialOutcome(plan.trials().get(i), finishedRecord(plan, i), null));
    }
    return new GridOutcome(plan, outcomes);
  }

  /** The trial's record when it has finished (read under its lock), else {@code null}. */
  static RunRecord finishedRecord(GridPlan plan, int index) throws IOException {
    try (RunFolderLock lock = RunFolderLock.acquire(plan.trialFolder(index))) {
      if (RunRecord.exists(lock.folder())) {
        RunRecord record = RunRecord.read(lock.folder());
        return record.finished(plan.trials().get(index).config().epochs()) ? record : null;
      }
      return null;
    } catch (RunFolderLockedException e) {
      return null;
    }
  }
}
