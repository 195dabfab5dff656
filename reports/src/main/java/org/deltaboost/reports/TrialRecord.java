package org.deltaboost.reports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One trial of a grid, read from {@code <label>-s<seed>/}: {@code config.json} (strategy id,
 * provenance), {@code epochs.jsonl} (test error and training seconds per epoch, epoch 1 first) and
 * {@code result.json} (status; for a completed trial its minimum error and convergence epoch).
 */
public record TrialRecord(
    Path dir,
    String label,
    String strategyId,
    int seed,
    boolean diverged,
    List<Double> testErrors,
    List<Double> trainSeconds,
    Double minTestError,
    Integer convergenceEpoch,
    Map<String, String> provenance) {
  public TrialRecord {
    testErrors = List.copyOf(testErrors);
    trainSeconds = List.copyOf(trainSeconds);
    provenance = Map.copyOf(provenance);
  }
}
