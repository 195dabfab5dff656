package org.deltaboost.harness.grid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.runs.RunFolderLockedException;
import org.deltaboost.harness.runs.RunRecord;

/**
 * Runs a grid: writes its plan, hands every trial in order to the executor, reads each group back
 * when its last trial has been handed over, and at the end reads again the trials left to other
 * processes, so that those finished meanwhile count.
 */
public final class GridRunner {

  private final TrialExecutor executor;
  private final GridListener listener;

  /**
   * @param executor where trials run
   * @param listener hears the progress
   */
  public GridRunner(TrialExecutor executor, GridListener listener) {
    this.executor = executor;
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
    List<GridTrial> trials = plan.trials();
    List<TrialOutcome> outcomes = new ArrayList<>();
    String[] heldBy = new String[trials.size()];
    int groupStart = 0;
    for (int i = 0; i < trials.size(); i++) {
      GridTrial trial = trials.get(i);
      listener.onTrialStart(trial, i, trials.size(), i == groupStart);
      TrialAttempt attempt = executor.execute(plan, i, listener);
      if (attempt.kind() == TrialAttempt.Kind.LEFT_TO_OTHER) {
        heldBy[i] = attempt.detail();
      }
      listener.onTrialEnd(trial, attempt);
      boolean lastOfGroup =
          i + 1 == trials.size() || !trials.get(i + 1).group().equals(trial.group());
      if (lastOfGroup) {
        List<TrialOutcome> group = new ArrayList<>();
        for (int j = groupStart; j <= i; j++) {
          group.add(new TrialOutcome(trials.get(j), finishedRecord(plan, j), heldBy[j]));
        }
        listener.onGroupEnd(trial.group(), group);
        outcomes.addAll(group);
        groupStart = i + 1;
      }
    }
    // Trials left to another process count once it has finished them.
    for (int i = 0; i < outcomes.size(); i++) {
      if (!outcomes.get(i).finished()) {
        outcomes.set(i, new TrialOutcome(trials.get(i), finishedRecord(plan, i), heldBy[i]));
      }
    }
    return new GridOutcome(plan, outcomes);
  }

  /** The trial's record when it has finished (read under its lock), else {@code null}. */
  private static RunRecord finishedRecord(GridPlan plan, int index) throws IOException {
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
