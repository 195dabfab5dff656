package org.deltaboost.harness.grid;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a batch of a planned grid's trials in other processes, in parallel (child processes, a batch
 * scheduler's job array), and waits until each has ended. Every process runs one trial from the
 * grid folder and its index alone ({@code deltaboost trial --grid DIR --index I}), under the same
 * rule as {@link TrialExecutor}: the trial folder's lock, a finished trial left as it is, an
 * unfinished one resumed from its checkpoint, a divergence recorded. Outcomes are read back from
 * the trial folders, not from the processes.
 */
public interface TrialBatchExecutor {

  /**
   * Runs trials {@code indexes} of {@code plan} (already written to its folder) and returns when
   * none is left running or pending.
   *
   * @param progress hears the counts over the batch whenever they change
   * @return the trials whose process ended without finishing them: index to one line saying how it
   *     ended and where its log is; empty when every trial finished
   * @throws IOException when the batch cannot be started or watched
   */
  Map<Integer, String> executeAll(
      GridPlan plan, List<Integer> indexes, Consumer<GridProgress> progress) throws IOException;
}
