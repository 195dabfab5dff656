package org.deltaboost.harness.train;

import java.util.List;
import org.deltaboost.records.EpochResult;

/**
 * A finished run: its strategy, learning rate and the result of every epoch.
 *
 * @param strategy strategy id
 * @param learningRate the learning rate used (resolved from the defaults when not given)
 * @param epochs one entry per epoch, in order
 */
public record TrainingResult(String strategy, double learningRate, List<EpochResult> epochs) {

  /** Copies the list. */
  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** Returns the lowest test error over the epochs. */
  public double minTestError() {
    return epochs.stream().mapToDouble(EpochResult::testError).min().orElse(Double.NaN);
  }

  /** Returns the test error after the last epoch. */
  public double finalTestError() {
    return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testError();
  }

  /** Returns the epoch (1-based) of the minimum test error, the paper's point of convergence. */
  public int convergenceEpoch() {
    EpochResult best = null;
    for (EpochResult e : epochs) {
      if (best == null || e.testError() < best.testError()) {
        best = e;
      }
    }
    return best == null ? 0 : best.epoch();
  }
}
