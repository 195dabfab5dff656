package org.deltaboost.harness.tuning;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.records.EpochResult;

/**
 * How one seed of one configuration ended: a completed run's minimum and final validation error, or
 * divergence. Its objective is the minimum validation error, or 1 (the worst possible error) when
 * it diverged.
 *
 * @param seed the run's seed
 * @param run the run folder's name inside the tuning folder
 * @param status {@code completed} or {@code diverged}
 * @param minValidationError the lowest validation error over the epochs, {@code null} if diverged
 * @param finalValidationError the last epoch's validation error, {@code null} if diverged
 * @param convergenceEpoch the epoch of the minimum, {@code null} if diverged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedOutcome(
    long seed,
    String run,
    String status,
    Double minValidationError,
    Double finalValidationError,
    Integer convergenceEpoch) {

  /** The objective value a diverged seed gets: the worst possible error. */
  public static final double DIVERGED_OBJECTIVE = 1.0;

  /**
   * Reads a finished run's outcome from its record: the epoch of the lowest error (the first one on
   * ties) and the last epoch's error, or divergence.
   *
   * @param seed the run's seed
   * @param run the run folder's name inside the tuning folder
   * @param record the run's finished record
   */
  public static SeedOutcome of(long seed, String run, RunRecord record) {
    if (RunRecord.DIVERGED.equals(record.status())) {
      return new SeedOutcome(seed, run, record.status(), null, null, null);
    }
    List<EpochResult> epochs = record.epochs();
    EpochResult best = epochs.get(0);
    for (EpochResult e : epochs) {
      if (e.testError() < best.testError()) {
        best = e;
      }
    }
    return new SeedOutcome(
        seed,
        run,
        record.status(),
        best.testError(),
        epochs.get(epochs.size() - 1).testError(),
        best.epoch());
  }

  /** Returns whether the run diverged. */
  @JsonIgnore
  public boolean diverged() {
    return minValidationError == null;
  }

  /** The minimum validation error, or {@link #DIVERGED_OBJECTIVE} when diverged. */
  @JsonIgnore
  public double objective() {
    return diverged() ? DIVERGED_OBJECTIVE : minValidationError;
  }
}
