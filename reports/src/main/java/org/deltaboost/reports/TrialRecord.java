package org.deltaboost.reports;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.records.EpochRecord;

/**
 * One trial of a grid, read from {@code <label>-s<seed>/}: {@code config.json} (strategy id, the
 * config as given, class names of a segmentation run, provenance), {@code epochs.jsonl} (one {@link
 * EpochRecord} per epoch, epoch 1 first) and {@code result.json} (status; for a completed trial its
 * minimum error and convergence epoch).
 *
 * @param config {@code config.json}'s {@code config} object as the run was given it, compact JSON
 * @param learningRate the resolved learning rate
 * @param classNames {@code config.json}'s {@code classNames}, or empty when it has none
 */
public record TrialRecord(
    Path dir,
    String label,
    String strategyId,
    int seed,
    boolean diverged,
    List<EpochRecord> epochs,
    Double minTestError,
    Integer convergenceEpoch,
    String config,
    double learningRate,
    List<String> classNames,
    Map<String, String> provenance) {
  public TrialRecord {
    epochs = List.copyOf(epochs);
    classNames = List.copyOf(classNames);
    provenance =
        Collections.unmodifiableMap(new LinkedHashMap<>(provenance)); // keeps the field order
  }

  /** Top-1 test error per epoch. */
  public List<Double> testErrors() {
    return epochs.stream().map(e -> e.result().testError()).toList();
  }

  /** Training seconds per epoch (evaluation excluded). */
  public List<Double> trainSeconds() {
    return epochs.stream().map(e -> e.result().seconds()).toList();
  }

  /**
   * Training plus evaluation seconds over all recorded epochs: the trial's wall time in the
   * records.
   */
  public double wallSeconds() {
    return epochs.stream().mapToDouble(e -> e.result().seconds() + e.result().evalSeconds()).sum();
  }
}
