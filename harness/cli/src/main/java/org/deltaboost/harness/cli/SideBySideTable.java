package org.deltaboost.harness.cli;

import java.util.List;
import java.util.Locale;
import org.deltaboost.harness.train.TrainingResult;
import org.deltaboost.records.EpochResult;

/** Renders several runs' test error per epoch as columns, with minimum, convergence and time. */
final class SideBySideTable {

  private SideBySideTable() {}

  static String render(List<TrainingResult> results) {
    StringBuilder table = new StringBuilder("\ntest error (%) per epoch\n");
    table.append(String.format(Locale.ROOT, "%-22s", "epoch"));
    for (TrainingResult r : results) {
      table.append(
          String.format(Locale.ROOT, "%22s", r.strategy() + " (lr " + r.learningRate() + ")"));
    }
    table.append('\n');
    int rows = results.stream().mapToInt(r -> r.epochs().size()).max().orElse(0);
    for (int i = 0; i < rows; i++) {
      table.append(String.format(Locale.ROOT, "%-22d", i + 1));
      for (TrainingResult r : results) {
        table.append(
            i < r.epochs().size()
                ? String.format(Locale.ROOT, "%22.2f", 100 * r.epochs().get(i).testError())
                : String.format(Locale.ROOT, "%22s", "-"));
      }
      table.append('\n');
    }
    row(table, "minimum", results, r -> String.format(Locale.ROOT, "%.2f", 100 * r.minTestError()));
    row(table, "epoch of minimum", results, r -> Integer.toString(r.convergenceEpoch()));
    row(
        table,
        "train seconds",
        results,
        r ->
            String.format(
                Locale.ROOT, "%.1f", r.epochs().stream().mapToDouble(EpochResult::seconds).sum()));
    return table.toString();
  }

  private static void row(
      StringBuilder table,
      String name,
      List<TrainingResult> results,
      java.util.function.Function<TrainingResult, String> cell) {
    table.append(String.format(Locale.ROOT, "%-22s", name));
    for (TrainingResult r : results) {
      table.append(String.format(Locale.ROOT, "%22s", cell.apply(r)));
    }
    table.append('\n');
  }
}
