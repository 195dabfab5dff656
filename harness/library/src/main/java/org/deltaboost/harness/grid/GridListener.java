package org.deltaboost.harness.grid;

import java.io.IOException;
import java.util.List;
import org.deltaboost.harness.runs.RunObserver;

/** Hears a grid's progress: each trial's start and end, its training, and each group's end. */
public interface GridListener {

  /** The observer of the training of {@code trial} (e.g. a console reporter labelled with it). */
  RunObserver observer(GridTrial trial);

  /**
   * Called before trial {@code index} (0-based) of {@code total} is handed to the executor.
   *
   * @param first whether it is the first trial of its group
   */
  default void onTrialStart(GridTrial trial, int index, int total, boolean first) {}

  /**
   * Called after the executor has returned from the trial.
   *
   * @throws IOException to stop the grid, e.g. when a trial left to another process cannot wait
   */
  default void onTrialEnd(GridTrial trial, TrialAttempt attempt) throws IOException {}

  /**
   * Called while a {@link TrialBatchExecutor} runs the grid's unfinished trials, whenever the
   * counts change; {@code done} includes the trials finished before.
   */
  default void onProgress(GridProgress progress) {}

  /**
   * Called once the last trial of a group has been handed over, with every trial of the group read
   * back (a trial left to another process may still be unfinished).
   */
  default void onGroupEnd(String group, List<TrialOutcome> outcomes) throws IOException {}
}
