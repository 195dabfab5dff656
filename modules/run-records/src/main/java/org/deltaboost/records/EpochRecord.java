package org.deltaboost.records;

/**
 * One line of a run folder's {@code epochs.jsonl}: the {@link EpochResult} fields, then the {@link
 * EpochProbes} fields of the probes that were on, as one flat JSON object ({@link
 * RunRecordJson#epochLine}). Lines are in epoch order from epoch 1.
 *
 * @param result what the epoch measured
 * @param probes what the probes measured, {@link EpochProbes#NONE} when none was on
 */
public record EpochRecord(EpochResult result, EpochProbes probes) {
  public EpochRecord {
    if (result == null || probes == null) {
      throw new IllegalArgumentException("an epoch record needs a result and probes");
    }
  }
}
