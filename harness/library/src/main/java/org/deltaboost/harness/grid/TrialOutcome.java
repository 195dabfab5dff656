package org.deltaboost.harness.grid;

import org.deltaboost.harness.runs.RunRecord;

/**
 * A trial of a grid as its folder says after the grid ran: its finished record, or unfinished (e.g.
 * still trained by the process that holds it, or its process failed).
 *
 * @param trial the trial
 * @param record its record once finished (completed all epochs, or diverged), else {@code null}
 * @param heldBy the process this run left the trial to, or {@code null}
 * @param failure how the process that ran it elsewhere ended without finishing it, with its log
 *     ({@link TrialBatchExecutor}), or {@code null}
 */
public record TrialOutcome(GridTrial trial, RunRecord record, String heldBy, String failure) {

  /** An outcome without a failure. */
  public TrialOutcome(GridTrial trial, RunRecord record, String heldBy) {
    this(trial, record, heldBy, null);
  }

  /** Returns whether the trial has finished. */
  public boolean finished() {
    return record != null;
  }
}
