package org.deltaboost.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.deltaboost.records.EpochRecord;
import org.deltaboost.records.Interval;
import org.deltaboost.records.StrategySummary;

/**
 * The tables of a grid's report. Errors and IoUs are printed in percent with two decimals; medians
 * are recomputed here from the trials' records (completed trials only for Tables 1 and 2, as in
 * {@code summary.json}), time-to-accuracy is taken from {@code summary.json}'s bootstrap intervals.
 *
 * <p>Table 1 form: per label, the median over completed trials of the minimum test error and of the
 * convergence epoch (epoch of the minimum), and diverged/trials. For a {@code table1-*} experiment
 * the paper's Table 1 numbers (median error %, convergence epoch; MNIST) are printed beside ours
 * for the strategies it reports: sigmoid 1.8 / 98.5, tanh 1.7 / 95.0, linear 1.7 / 73.5.
 *
 * <p>Table 2 form (records with {@code top5Error}): per label, the median over completed trials of
 * the minimum over epochs of the top-1 error ({@code testError}) and of the top-5 error; for a
 * {@code table2-*} experiment beside the paper's (AlexNet-BN on ImageNet): softmax-ce 58.47 /
 * 33.55, exp-gb 53.95 / 29.81.
 *
 * <p>Table 3 form (records with {@code meanIou}): per label and chosen epoch, the median over the
 * trials that reached that epoch of each class's IoU (over the trials where the class is not null)
 * and of the mean IoU; for a {@code table3-*} experiment beside the paper's mIoU (VOC 2012 test):
 * exp-gb at 40 67.3, pow3-gb at 40 66.1, softmax-ce at 40 64.4, softmax-ce at 60 67.1.
 */
public final class GridTables {
  /** Paper Table 1: strategy id → {median error %, median convergence epoch}. */
  static final Map<String, double[]> PAPER_TABLE1 =
      Map.of(
          "sigmoid",
          new double[] {1.8, 98.5},
          "tanh",
          new double[] {1.7, 95.0},
          "linear",
          new double[] {1.7, 73.5});

  /** Paper Table 2: strategy id → {top-1 error %, top-5 error %}. */
  static final Map<String, double[]> PAPER_TABLE2 =
      Map.of("softmax-ce", new double[] {58.47, 33.55}, "exp-gb", new double[] {53.95, 29.81});

  /** Paper Table 3: (strategy id, epoch) → mIoU % (E-40, P-40, S-40, S-60). */
  static final Map<String, Double> PAPER_TABLE3_MIOU =
      Map.of("exp-gb@40", 67.3, "pow3-gb@40", 66.1, "softmax-ce@40", 64.4, "softmax-ce@60", 67.1);

  /** Paper Table 3 as printed: per row name the 21 VOC class IoUs then the mIoU, in %. */
  static final List<String> PAPER_TABLE3_HEADERS =
      List.of(
          "bg", "aero", "bike", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
          "table", "dog", "horse", "mbike", "person", "plant", "sheep", "sofa", "train", "tv",
          "mIoU");

  static final List<String> PAPER_TABLE3_ROWS =
      List.of(
          "E-40 92.3 87.9 43.2 73.6 54.6 68.8 83.9 82.2 77.1 27.7 62.0 50.8 74.6 75.5 80.6 78.7 47.4 74.0 43.2 76.0 60.1 67.3",
          "P-40 92.3 86.0 39.1 74.1 49.4 66.3 84.7 79.7 77.4 26.4 63.2 51.6 71.4 74.7 79.8 76.6 45.1 70.6 47.5 71.8 59.9 66.1",
          "S-40 91.9 84.9 38.5 66.8 54.0 63.4 79.8 72.9 72.7 25.4 63.6 55.4 68.2 72.7 75.5 76.2 46.7 71.6 42.8 71.2 58.4 64.4",
          "S-60 92.4 86.7 39.8 72.4 58.0 65.6 82.9 78.9 77.8 26.6 66.1 59.2 71.6 74.2 77.5 77.1 49.3 73.8 45.7 73.9 58.4 67.1");

  private GridTables() {}

  /** Long form: label, epoch, trials, median/min/max test error % over seeds. */
  public static Table errorPerEpoch(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    for (String label : grid.labels()) {
      EpochCurve c = EpochCurve.testError(label, grid.trialsOf(label));
      for (int i = 0; i < c.epochs().size(); i++) {
        rows.add(
            List.of(
                label,
                Integer.toString(c.epochs().get(i)),
                Integer.toString(c.trials().get(i)),
                percent(c.median().get(i)),
                percent(c.min().get(i)),
                percent(c.max().get(i))));
      }
    }
    return new Table(
        "error-per-epoch",
        "Test error per epoch, median over seeds with min–max",
        List.of("strategy", "epoch", "trials", "median error %", "min error %", "max error %"),
        rows);
  }

  /**
   * From summary.json: trials reaching the target, epochs and seconds to it as median [low, high].
   */
  public static Table timeToAccuracy(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    for (StrategySummary s : grid.summaries()) {
      rows.add(
          List.of(
              s.strategy(),
              s.reachedTarget() + "/" + s.trials(),
              interval(s.epochsToTarget(), 1),
              interval(s.secondsToTarget(), 2)));
    }
    return new Table(
        "time-to-accuracy",
        "Time to " + percent(grid.targetError()) + "% test error, median [bootstrap 95% interval]",
        List.of("strategy", "reached target", "epochs to target", "seconds to target"),
        rows);
  }

  /** Table 1 form, with the paper's numbers beside ours for a {@code table1-*} experiment. */
  public static Table table1(GridRecords grid) {
    boolean paper = grid.experiment().startsWith("table1-");
    List<String> headers =
        new ArrayList<>(
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
      List<String> row =
          new ArrayList<>(
              List.of(
                  label,
                  minErrors.isEmpty() ? "–" : percent(Median.of(minErrors)),
                  epochs.isEmpty() ? "–" : format(Median.of(epochs), 1),
                  diverged + "/" + trials.size()));
      if (paper) {
        double[] reported = PAPER_TABLE1.get(strategyId(label, trials));
        row.add(reported == null ? "–" : format(reported[0], 1));
        row.add(reported == null ? "–" : format(reported[1], 1));
      }
      rows.add(row);
    }
    return new Table(
        "table1",
        paper ? "Table 1 form, with the paper's numbers (MNIST)" : "Table 1 form",
        headers,
        rows);
  }

  /** Table 2 form; empty when no epoch has {@code top5Error}. */
  public static Optional<Table> table2(GridRecords grid) {
    if (!grid.anyEpoch(e -> e.result().top5Error() != null)) {
      return Optional.empty();
    }
    boolean paper = grid.experiment().startsWith("table2-");
    List<String> headers =
        new ArrayList<>(
            List.of(
                "strategy", "median min top-1 error %", "median min top-5 error %", "diverged"));
    if (paper) {
      headers.addAll(List.of("paper top-1 error %", "paper top-5 error %"));
    }
    List<List<String>> rows = new ArrayList<>();
    for (String label : grid.labels()) {
      List<TrialRecord> trials = grid.trialsOf(label);
      List<Double> top1 = new ArrayList<>();
      List<Double> top5 = new ArrayList<>();
      for (TrialRecord t : trials) {
        if (!t.diverged()) {
          t.epochs().stream().mapToDouble(e -> e.result().testError()).min().ifPresent(top1::add);
          t.epochs().stream()
              .filter(e -> e.result().top5Error() != null)
              .mapToDouble(e -> e.result().top5Error())
              .min()
              .ifPresent(top5::add);
        }
      }
      List<String> row =
          new ArrayList<>(
              List.of(
                  label,
                  top1.isEmpty() ? "–" : percent(Median.of(top1)),
                  top5.isEmpty() ? "–" : percent(Median.of(top5)),
                  diverged(trials)));
      if (paper) {
        double[] reported = PAPER_TABLE2.get(strategyId(label, trials));
        row.add(reported == null ? "–" : format(reported[0], 2));
        row.add(reported == null ? "–" : format(reported[1], 2));
      }
      rows.add(row);
    }
    return Optional.of(
        new Table(
            "table2",
            paper
                ? "Table 2 form, with the paper's numbers (AlexNet-BN, ImageNet)"
                : "Table 2 form",
            headers,
            rows));
  }

  /**
   * The default Table 3 epochs of a label: every multiple of 20 and the last epoch that some of its
   * trials have a {@code meanIou} for.
   */
  static List<Integer> defaultIouEpochs(List<TrialRecord> trials) {
    TreeSet<Integer> withIou = iouEpochs(trials);
    TreeSet<Integer> chosen = new TreeSet<>();
    withIou.stream().filter(e -> e % 20 == 0).forEach(chosen::add);
    if (!withIou.isEmpty()) {
      chosen.add(withIou.last());
    }
    return List.copyOf(chosen);
  }

  private static TreeSet<Integer> iouEpochs(List<TrialRecord> trials) {
    TreeSet<Integer> epochs = new TreeSet<>();
    trials.forEach(
        t ->
            t.epochs().stream()
                .filter(e -> e.result().meanIou() != null)
                .forEach(e -> epochs.add(e.result().epoch())));
    return epochs;
  }

  /**
   * Table 3 form; empty when no epoch has {@code meanIou}. {@code epochs} empty means each label's
   * {@link #defaultIouEpochs}; an asked epoch no trial of the grid has a {@code meanIou} for is a
   * {@link ReportException}.
   */
  public static Optional<Table> table3(GridRecords grid, List<Integer> epochs) {
    TreeSet<Integer> available = iouEpochs(grid.trials());
    if (available.isEmpty()) {
      return Optional.empty();
    }
    for (int e : epochs) {
      if (!available.contains(e)) {
        throw new ReportException(
            "Table 3 epoch "
                + e
                + ": no trial of "
                + grid.dir()
                + " has a meanIou for it"
                + " (epochs with one: "
                + available.first()
                + ".."
                + available.last()
                + ")");
      }
    }
    List<String> classes = classNames(grid);
    boolean paper = grid.experiment().startsWith("table3-");
    List<String> headers = new ArrayList<>(List.of("strategy", "epoch", "trials"));
    classes.forEach(c -> headers.add(c + " %"));
    headers.add("mIoU %");
    if (paper) {
      headers.add("paper mIoU %");
    }
    List<List<String>> rows = new ArrayList<>();
    for (String label : grid.labels()) {
      List<TrialRecord> trials = grid.trialsOf(label);
      for (int epoch : epochs.isEmpty() ? defaultIouEpochs(trials) : epochs) {
        List<EpochRecord> at =
            trials.stream()
                .filter(t -> t.epochs().size() >= epoch)
                .map(t -> t.epochs().get(epoch - 1))
                .filter(e -> e.result().meanIou() != null)
                .toList();
        if (at.isEmpty()) {
          continue;
        }
        List<String> row =
            new ArrayList<>(List.of(label, Integer.toString(epoch), Integer.toString(at.size())));
        for (int c = 0; c < classes.size(); c++) {
          int k = c;
          List<Double> values =
              at.stream()
                  .filter(e -> e.result().classIou() != null && k < e.result().classIou().size())
                  .map(e -> e.result().classIou().get(k))
                  .filter(v -> v != null)
                  .toList();
          row.add(values.isEmpty() ? "–" : percent(Median.of(values)));
        }
        row.add(percent(Median.of(at.stream().map(e -> e.result().meanIou()).toList())));
        if (paper) {
          Double reported = PAPER_TABLE3_MIOU.get(strategyId(label, trials) + "@" + epoch);
          row.add(reported == null ? "–" : format(reported, 1));
        }
        rows.add(row);
      }
    }
    return Optional.of(
        new Table(
            "table3",
            paper
                ? "Table 3 form, with the paper's mIoU (PixelNet, VOC 2012 test)"
                : "Table 3 form",
            headers,
            rows));
  }

  /**
   * The paper's Table 3 as printed (VOC 2012 test, %), shown beside ours for a {@code table3-*}
   * experiment.
   */
  public static Optional<Table> table3Paper(GridRecords grid) {
    if (!grid.experiment().startsWith("table3-")
        || !grid.anyEpoch(e -> e.result().meanIou() != null)) {
      return Optional.empty();
    }
    List<String> headers = new ArrayList<>(List.of("paper row"));
    headers.addAll(PAPER_TABLE3_HEADERS);
    List<List<String>> rows = PAPER_TABLE3_ROWS.stream().map(r -> List.of(r.split(" "))).toList();
    return Optional.of(
        new Table(
            "table3-paper",
            "Table 3 as printed in the paper (E = exp-gb, P = pow3-gb,"
                + " S = softmax-ce; -40/-60 = epochs)",
            headers,
            rows));
  }

  /**
   * The class names of the grid's trials ({@code config.json classNames}, which must agree), or
   * {@code class 0..K-1} from the widest {@code classIou} when no trial names them.
   */
  static List<String> classNames(GridRecords grid) {
    List<String> names = List.of();
    Path namedBy = null;
    for (TrialRecord t : grid.trials()) {
      if (!t.classNames().isEmpty()) {
        if (namedBy != null && !names.equals(t.classNames())) {
          throw new ReportException(
              "class names differ: "
                  + namedBy.resolve("config.json")
                  + " has "
                  + names
                  + ", "
                  + t.dir().resolve("config.json")
                  + " has "
                  + t.classNames());
        }
        names = t.classNames();
        namedBy = t.dir();
      }
    }
    if (!names.isEmpty()) {
      return names;
    }
    int classes =
        grid.trials().stream()
            .flatMap(t -> t.epochs().stream())
            .filter(e -> e.result().classIou() != null)
            .mapToInt(e -> e.result().classIou().size())
            .max()
            .orElse(0);
    return IntStream.range(0, classes).mapToObj(c -> "class " + c).toList();
  }

  private static String diverged(List<TrialRecord> trials) {
    return trials.stream().filter(TrialRecord::diverged).count() + "/" + trials.size();
  }

  private static String strategyId(String label, List<TrialRecord> trials) {
    return trials.isEmpty() ? label : trials.get(0).strategyId();
  }

  static String percent(double fraction) {
    return format(100.0 * fraction, 2);
  }

  static String format(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String interval(Interval i, int decimals) {
    if (i == null || !i.present()) {
      return "never";
    }
    return format(i.median(), decimals)
        + " ["
        + (Double.isInfinite(i.low()) ? "never" : format(i.low(), decimals))
        + ", "
        + (Double.isInfinite(i.high()) ? "never" : format(i.high(), decimals))
        + "]";
  }
}
