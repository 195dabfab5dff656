package org.deltaboost.reports;

import java.util.List;

/**
 * Choices a report leaves to its caller.
 *
 * @param iouEpochs the epochs of the Table 3 form; empty: per strategy every multiple of 20 and the
 *     last epoch with a mean IoU (for the paper's 60-epoch runs: 20, 40, 60)
 */
public record ReportOptions(List<Integer> iouEpochs) {
  /** The defaults. */
  public static final ReportOptions DEFAULTS = new ReportOptions(List.of());

  public ReportOptions {
    iouEpochs = List.copyOf(iouEpochs);
    for (int e : iouEpochs) {
      if (e < 1) {
        throw new IllegalArgumentException("a Table 3 epoch must be >= 1, got " + e);
      }
    }
  }
}
