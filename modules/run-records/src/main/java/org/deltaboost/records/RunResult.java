package org.deltaboost.records;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A run folder's {@code result.json}, written when a run ends: its {@code status} first, then the
 * fields of that status, in this order (absent ones are left out of the file).
 *
 * <ul>
 *   <li>{@value #COMPLETED}: every epoch trained; {@code finalTestError}, {@code minTestError},
 *       {@code convergenceEpoch}, {@code epochs}, and {@code skippedUnreadable} when data files
 *       were skipped.
 *   <li>{@value #DIVERGED}: stopped by a non-finite loss; {@code message}, {@code epoch}, {@code
 *       step}, {@code checkpointEpoch}.
 *   <li>{@value #FAILED}: stopped on another error; {@code message}. Not finished: {@code --resume}
 *       continues it.
 * </ul>
 *
 * @param status {@value #COMPLETED}, {@value #DIVERGED} or {@value #FAILED}
 * @param message why the run stopped (diverged, failed)
 * @param finalTestError the last epoch's test error
 * @param minTestError the lowest test error over the epochs
 * @param convergenceEpoch the epoch (1-based) of the lowest test error, the paper's convergence
 * @param epochs how many epochs were trained
 * @param skippedUnreadable how many unreadable training and test files were skipped, if any
 * @param epoch the epoch in which the loss became non-finite
 * @param step the step (within that epoch) at which it did
 * @param checkpointEpoch the last epoch before divergence, which the checkpoint holds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(
    String status,
    String message,
    Double finalTestError,
    Double minTestError,
    Integer convergenceEpoch,
    Integer epochs,
    Integer skippedUnreadable,
    Integer epoch,
    Integer step,
    Integer checkpointEpoch) {

  /** Status of a run that trained all its epochs. */
  public static final String COMPLETED = "completed";

  /** Status of a run stopped by a non-finite loss. */
  public static final String DIVERGED = "diverged";

  /** Status of a run stopped by an error other than divergence. */
  public static final String FAILED = "failed";

  /** A completed run; {@code skippedUnreadable} of 0 is left out of the file. */
  public static RunResult completed(
      double finalTestError,
      double minTestError,
      int convergenceEpoch,
      int epochs,
      int skippedUnreadable) {
    return new RunResult(
        COMPLETED,
        null,
        finalTestError,
        minTestError,
        convergenceEpoch,
        epochs,
        skippedUnreadable > 0 ? skippedUnreadable : null,
        null,
        null,
        null);
  }

  /** A run whose loss became non-finite at {@code step} of {@code epoch}. */
  public static RunResult diverged(String message, int epoch, int step) {
    return new RunResult(DIVERGED, message, null, null, null, null, null, epoch, step, epoch - 1);
  }

  /** A run stopped by an error other than divergence. */
  public static RunResult failed(String message) {
    return new RunResult(FAILED, message, null, null, null, null, null, null, null, null);
  }
}
