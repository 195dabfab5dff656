package org.deltaboost.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of a grid's report. Errors are printed in percent with two decimals; medians are
 * recomputed here from the trials' records (completed trials only for Table 1, as in
 * {@code summary.json}), time-to-accuracy is taken from {@code summary.json}'s bootstrap intervals.
 *
 * <p>Table 1 form: per label, the median over completed trials of the minimum test error and of
 * the convergence epoch (epoch of the minimum), and diverged/trials. For a {@code table1-*}
 * experiment the paper's Table 1 numbers (median error %, convergence epoch; MNIST) are printed
 * beside ours for the strategies it reports: sigmoid 1.8 / 98.5, tanh 1.7 / 95.0, linear 1.7 / 73.5.
 */
public final class GridTables {
  /** Paper Table 1: strategy id → {median error %, median convergence epoch}. */
  static final Map<String, double[]> PAPER_TABLE1 =
      Map.of("sigmoid", new double[] {1.8, 98.5}, "tanh", new double[] {1.7, 95.0}, "linear", new double[] {1.7, 73.5});

  private GridTables() {}

  /** Long form: label, epoch, trials, median/min/max test error % over seeds. */
  public static Table errorPerEpoch(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    for (String label : grid.labels()) {
      ErrorCurve c = ErrorCurve.of(label, grid.trialsOf(label));
      for (int i = 0; i < c.epochs().size(); i++) {
        rows.add(List.of(label, Integer.toString(c.epochs().get(i)), Integer.toString(c.trials().get(i)),
            percent(c.median().get(i)), percent(c.min().get(i)), percent(c.max().get(i))));
      }
    }
    return new Table("error-per-epoch", "Test error per epoch, median over seeds with min–max",
        List.of("strategy", "epoch", "trials", "median error %", "min error %", "max error %"), rows);
  }

  /** From summary.json: trials reaching the target, epochs and seconds to it as median [low, high]. */
  public static Table timeToAccuracy(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    for (StrategySummary s : grid.summaries()) {
      rows.add(List.of(s.label(), s.reachedTarget() + "/" + s.trials(),
          interval(s.epochsToTarget(), 1), interval(s.secondsToTarget(), 2)));
    }
    return new Table("time-to-accuracy",
        "Time to " + percent(grid.targetError()) + "% test error, median [bootstrap 95% interval]",
        List.of("strategy", "reached target", "epochs to target", "seconds to target"), rows);
  }

  /** Table 1 form, with the paper's numbers beside ours for a {@code table1-*} experiment. */
  public static Table table1(GridRecords grid) {
    boolean paper = grid.experiment().startsWith("table1-");
    List<String> headers = new ArrayList<>(
        List.of("strategy", "median min error %", "median convergence epoch", "diverged"));
    if (paper) {
      headers.addAll(List.of("paper error %", "paper convergence epoch"));
    }
    List<List<String>> rows = new ArrayList<>();
    for (String label : grid.labels()) {
      List<TrialRecord> trials = grid.trialsOf(label);
      List<Double> minErrors = new ArrayList<>();
      List<Double> epochs = new ArrayList<>();
      int diverged = 0;
      for (TrialRecord t : trials) {
        if (t.diverged()) {
          diverged++;
        } else {
          minErrors.add(t.minTestError());
          epochs.add(t.convergenceEpoch().doubleValue());
        }
      }
      List<String> row = new ArrayList<>(List.of(label,
          minErrors.isEmpty() ? "–" : percent(Median.of(minErrors)),
          epochs.isEmpty() ? "–" : format(Median.of(epochs), 1),
          diverged + "/" + trials.size()));
      if (paper) {
        String id = trials.isEmpty() ? label : trials.get(0).strategyId();
        double[] reported = PAPER_TABLE1.get(id);
        row.add(reported == null ? "–" : format(reported[0], 1));
        row.add(reported == null ? "–" : format(reported[1], 1));
      }
      rows.add(row);
    }
    return new Table("table1", paper ? "Table 1 form, with the paper's numbers (MNIST)" : "Table 1 form",
        headers, rows);
  }

  static String percent(double fraction) {
    return format(100.0 * fraction, 2);
  }

  static String format(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String interval(Interval i, int decimals) {
    if (!i.present()) {
      return "never";
    }
    return format(i.median(), decimals) + " [" + (i.low() == null ? "never" : format(i.low(), decimals)) + ", "
        + (i.high() == null ? "never" : format(i.high(), decimals)) + "]";
  }
}
