package org.deltaboost.harness.train;

/**
 * Training produced a non-finite loss or delta. The parameters are left as they were before the
 * failing step (the step is never applied), so the last good state is kept.
 */
public final class TrainingDivergedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String strategy;
  private final int epoch;
  private final int step;

  /** Creates the exception; the message names the strategy, epoch, step and a hint. */
  public TrainingDivergedException(String strategy, int epoch, int step, double lr, String what) {
    super(
        "training diverged: strategy "
            + strategy
            + ", epoch "
            + epoch
            + ", step "
            + step
            + ": "
            + what
            + ". Hint: boosted strategies are learning-rate fragile; try --lr "
            + lr / 2
            + " (half of "
            + lr
            + "), or smaller targets or alpha.");
    this.strategy = strategy;
    this.epoch = epoch;
    this.step = step;
  }

  /** Returns the strategy id that diverged. */
  public String strategy() {
    return strategy;
  }

  /** Returns the 1-based epoch in which it diverged. */
  public int epoch() {
    return epoch;
  }

  /** Returns the 1-based step within the epoch. */
  public int step() {
    return step;
  }
}
