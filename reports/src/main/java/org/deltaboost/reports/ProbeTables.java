package org.deltaboost.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deltaboost.records.DeltaHistogram;

/**
 * The probe figures' numbers as long-form tables (one row per label, epoch and, where it applies,
 * parameter or bin), each only when the records have the probe's field. Gradient RMS and the
 * softmax normalization term are medians over seeds as in {@link ProbeFigures}; a delta histogram
 * is the shown seed's own.
 */
final class ProbeTables {
  private ProbeTables() {}

  static Optional<Table> deltaHistograms(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    for (int epoch : ProbeFigures.histogramEpochs(grid)) {
      for (String label : grid.labels()) {
        ProbeFigures.histogramTrial(grid, label, epoch)
            .ifPresent(
                t -> {
                  DeltaHistogram h = t.epochs().get(epoch - 1).probes().deltaHistogram();
                  for (int i = 0; i < h.counts().size(); i++) {
                    rows.add(
                        List.of(
                            label,
                            Integer.toString(t.seed()),
                            Integer.toString(epoch),
                            scientific(h.edges().get(i)),
                            scientific(h.edges().get(i + 1)),
                            Long.toString(h.counts().get(i))));
                  }
                });
      }
    }
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Table(
                "delta-histograms",
                "Output-delta histograms of the first batch (lowest seed with one)",
                List.of("strategy", "seed", "epoch", "bin low", "bin high", "count"),
                rows));
  }

  static Optional<Table> gradientRms(GridRecords grid) {
    List<String> parameters = new ArrayList<>();
    grid.trials()
        .forEach(
            t ->
                t.epochs().stream()
                    .filter(e -> e.probes().gradientRms() != null)
                    .forEach(
                        e ->
                            e.probes().gradientRms().keySet().stream()
                                .filter(p -> !parameters.contains(p))
                                .forEach(parameters::add)));
    List<List<String>> rows = new ArrayList<>();
    for (String label : grid.labels()) {
      for (String parameter : parameters) {
        EpochCurve c =
            EpochCurve.over(
                label,
                grid.trialsOf(label),
                e ->
                    e.probes().gradientRms() == null
                        ? null
                        : e.probes().gradientRms().get(parameter));
        for (int i = 0; i < c.epochs().size(); i++) {
          rows.add(
              List.of(
                  label,
                  parameter,
                  Integer.toString(c.epochs().get(i)),
                  Integer.toString(c.trials().get(i)),
                  scientific(c.median().get(i)),
                  scientific(c.min().get(i)),
                  scientific(c.max().get(i))));
        }
      }
    }
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Table(
                "gradient-rms",
                "Gradient RMS per parameter and epoch, median over seeds with min–max",
                List.of(
                    "strategy", "parameter", "epoch", "trials", "median RMS", "min RMS", "max RMS"),
                rows));
  }

  static Optional<Table> softmaxNormalization(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    for (String label : grid.labels()) {
      List<TrialRecord> trials = grid.trialsOf(label);
      EpochCurve mean =
          EpochCurve.over(
              label,
              trials,
              e ->
                  e.probes().softmaxNormalization() == null
                      ? null
                      : e.probes().softmaxNormalization().log10Mean());
      EpochCurve max =
          EpochCurve.over(
              label,
              trials,
              e ->
                  e.probes().softmaxNormalization() == null
                      ? null
                      : e.probes().softmaxNormalization().log10Max());
      for (int i = 0; i < mean.epochs().size(); i++) {
        rows.add(
            List.of(
                label,
                Integer.toString(mean.epochs().get(i)),
                Integer.toString(mean.trials().get(i)),
                GridTables.format(mean.median().get(i), 3),
                GridTables.format(max.median().get(i), 3)));
      }
    }
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Table(
                "softmax-normalization",
                "Softmax normalization term S = Σ e^z over the epoch's training samples, median over seeds",
                List.of("strategy", "epoch", "trials", "mean log10 S", "log10 max S"),
                rows));
  }

  static String scientific(double value) {
    return String.format(Locale.ROOT, "%.4e", value);
  }
}
