package org.deltaboost.harness.grid;

import java.io.IOException;

/**
 * Runs one trial of a planned grid, given only the plan and the trial's index: where trials run
 * (this JVM, {@link InProcessExecutor}; or a batch scheduler's job) is the executor's business.
 * Whatever runs it follows one rule: take the trial folder's lock, leave a finished trial as it is,
 * resume an unfinished one from its checkpoint, record a divergence.
 */
public interface TrialExecutor {

  /**
   * Brings trial {@code index} of {@code plan} to an end, or leaves it to the process holding its
   * folder.
   *
   * @param listener gives the trial's training observer
   * @throws IOException when the trial fails for another reason than divergence
   */
  TrialAttempt execute(GridPlan plan, int index, GridListener listener) throws IOException;
}
