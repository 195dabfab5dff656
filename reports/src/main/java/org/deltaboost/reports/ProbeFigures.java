package org.deltaboost.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.deltaboost.records.DeltaHistogram;
import org.deltaboost.records.EpochRecord;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of the training probes, drawn only when the records have the probe's field.
 *
 * <ul>
 *   <li>Fig 2, output-delta histograms: for every epoch that has a {@code deltaHistogram}, one
 *       panel per label showing the histogram of its lowest seed that has one (histograms of
 *       different seeds have different bins, so they are not pooled), counts from 0.
 *   <li>Fig 3, gradient RMS: one panel per layer that has a {@code <layer>_weight} parameter, the
 *       output layer ({@code gradientRmsOutputLayer}) first as in the paper, then the others in
 *       forward order; per label the median over seeds of the weight gradient's RMS per epoch, log
 *       y axis spanning whole decades (non-positive values, which a log axis cannot show, are left
 *       out). Every parameter, biases and normalization included, is in the {@code gradient-rms}
 *       table.
 *   <li>Fig 5, softmax normalization term {@code S = Σₖ e^{zₖ}}: per label the median over seeds of
 *       the epoch's mean {@code log10 S} (solid) and of its {@code log10 max S} (dashed). The axis
 *       holds {@code log10 S}: a log scale that still shows values beyond the double range.
 * </ul>
 */
final class ProbeFigures {
  private ProbeFigures() {}

  /** The epochs that have a delta histogram in some trial, ascending. */
  static List<Integer> histogramEpochs(GridRecords grid) {
    return grid.trials().stream()
        .flatMap(t -> t.epochs().stream())
        .filter(e -> e.probes().deltaHistogram() != null)
        .map(e -> e.result().epoch())
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The trial whose histogram is shown for {@code label} at {@code epoch}: its lowest seed that has
   * one.
   */
  static Optional<TrialRecord> histogramTrial(GridRecords grid, String label, int epoch) {
    return grid.trialsOf(label).stream()
        .filter(
            t ->
                t.epochs().size() >= epoch
                    && t.epochs().get(epoch - 1).probes().deltaHistogram() != null)
        .findFirst();
  }

  static List<Figure> deltaHistograms(GridRecords grid) {
    List<Figure> figures = new ArrayList<>();
    for (int epoch : histogramEpochs(grid)) {
      for (String label : grid.labels()) {
        Optional<TrialRecord> trial = histogramTrial(grid, label, epoch);
        if (trial.isEmpty()) {
          continue;
        }
        DeltaHistogram h = trial.get().epochs().get(epoch - 1).probes().deltaHistogram();
        XYChart chart =
            new XYChartBuilder()
                .width(Figure.SMALL_WIDTH)
                .height(Figure.SMALL_HEIGHT)
                .title(label + ", epoch " + epoch + ", seed " + trial.get().seed())
                .xAxisTitle("output delta")
                .yAxisTitle("count")
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setYAxisMin(0.0);
        // ticks fall at the bins' edges, which have many digits
        chart.getStyler().setXAxisDecimalPattern("0.0#");
        // a step series holds each y until the next x, so bin i is drawn from edges[i] to
        // edges[i+1]
        // with the last count repeated at the last edge
        int bins = h.counts().size();
        double[] x = new double[bins + 1];
        double[] y = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
          x[i] = h.edges().get(i);
          y[i] = h.counts().get(Math.min(i, bins - 1));
        }
        XYSeries s = chart.addSeries(label, x, y);
        s.setMarker(SeriesMarkers.NONE);
        figures.add(
            new Figure(
                "delta-histogram-e" + epoch + "-" + Figure.fileSafe(label),
                "Output deltas of the first batch of epoch "
                    + epoch
                    + ", "
                    + label
                    + " (seed "
                    + trial.get().seed()
                    + ", "
                    + h.values()
                    + " deltas, "
                    + bins
                    + " bins)",
                chart,
                true));
      }
    }
    return figures;
  }

  /** A plotted gradient parameter: its name and whether it belongs to the output layer. */
  record GradientPanel(String parameter, String layer, boolean output) {}

  /** The weight parameters to plot, the output layer's first, then forward order. */
  static List<GradientPanel> gradientPanels(GridRecords grid) {
    Set<String> names = new LinkedHashSet<>();
    String outputLayer = null;
    for (TrialRecord t : grid.trials()) {
      for (EpochRecord e : t.epochs()) {
        if (e.probes().gradientRms() != null) {
          names.addAll(e.probes().gradientRms().keySet());
          outputLayer = outputLayer == null ? e.probes().gradientRmsOutputLayer() : outputLayer;
        }
      }
    }
    List<GradientPanel> panels = new ArrayList<>();
    for (String name : names) {
      if (name.endsWith("_weight")) {
        String layer = name.substring(0, name.length() - "_weight".length());
        GradientPanel p = new GradientPanel(name, layer, layer.equals(outputLayer));
        if (p.output()) {
          panels.add(0, p);
        } else {
          panels.add(p);
        }
      }
    }
    return panels;
  }

  /**
   * The median-over-seeds RMS curve of one parameter for one label (non-positive values left out).
   */
  static EpochCurve gradientCurve(GridRecords grid, String label, String parameter) {
    return EpochCurve.over(
        label,
        grid.trialsOf(label),
        e -> {
          Double v =
              e.probes().gradientRms() == null ? null : e.probes().gradientRms().get(parameter);
          return v != null && v > 0 ? v : null;
        });
  }

  static List<Figure> gradientRms(GridRecords grid) {
    List<Figure> figures = new ArrayList<>();
    for (GradientPanel panel : gradientPanels(grid)) {
      String what = panel.output() ? "output layer " + panel.layer() : "layer " + panel.layer();
      XYChart chart =
          new XYChartBuilder()
              .width(Figure.SMALL_WIDTH)
              .height(Figure.SMALL_HEIGHT)
              .title("Gradient RMS, " + what)
              .xAxisTitle("epoch")
              .yAxisTitle("RMS of weight gradient")
              .build();
      chart.getStyler().setYAxisLogarithmic(true);
      chart.getStyler().setYAxisDecimalPattern("0E0");
      chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
      double low = Double.POSITIVE_INFINITY;
      double high = 0;
      for (String label : grid.labels()) {
        EpochCurve c = gradientCurve(grid, label, panel.parameter());
        if (!c.epochs().isEmpty()) {
          chart.addSeries(
              label,
              c.epochs().stream().mapToDouble(Integer::doubleValue).toArray(),
              c.median().stream().mapToDouble(Double::doubleValue).toArray());
          low =
              Math.min(
                  low, c.median().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
          high =
              Math.max(
                  high, c.median().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
      }
      if (high > 0) {
        // whole decades, so that the log axis has labelled ticks however narrow the data
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(low))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(high) + 1e-9)));
        figures.add(
            new Figure(
                "gradient-rms-" + Figure.fileSafe(panel.layer()),
                "RMS of the gradient of "
                    + panel.parameter()
                    + (panel.output() ? " (output layer)" : "")
                    + " per epoch: median over seeds, log scale",
                chart,
                true));
      }
    }
    return figures;
  }

  static Optional<Figure> softmaxNormalization(GridRecords grid) {
    if (!grid.anyEpoch(e -> e.probes().softmaxNormalization() != null)) {
      return Optional.empty();
    }
    XYChart chart =
        new XYChartBuilder()
            .width(Figure.WIDTH)
            .height(Figure.HEIGHT)
            .title(
                "Softmax normalization term S = sum of exp(z) ("
                    + grid.experiment()
                    + "): median over seeds")
            .xAxisTitle("epoch")
            .yAxisTitle("log10 S")
            .build();
    Color[] palette = chart.getStyler().getSeriesColors();
    List<String> labels = grid.labels();
    for (int k = 0; k < labels.size(); k++) {
      Color colour = palette[k % palette.length];
      for (boolean max : new boolean[] {false, true}) {
        EpochCurve c =
            EpochCurve.over(
                labels.get(k),
                grid.trialsOf(labels.get(k)),
                e ->
                    e.probes().softmaxNormalization() == null
                        ? null
                        : max
                            ? e.probes().softmaxNormalization().log10Max()
                            : e.probes().softmaxNormalization().log10Mean());
        if (c.epochs().isEmpty()) {
          continue;
        }
        XYSeries s =
            chart.addSeries(
                labels.get(k) + (max ? " max" : " mean"),
                c.epochs().stream().mapToDouble(Integer::doubleValue).toArray(),
                c.median().stream().mapToDouble(Double::doubleValue).toArray());
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setMarker(max ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        if (max) {
          s.setLineStyle(SeriesLines.DASH_DASH);
        }
      }
    }
    return Optional.of(
        new Figure(
            "softmax-normalization",
            "Softmax normalization term S per epoch over the training samples: median over seeds of the mean of log10 S"
                + " (solid) and of log10 of the largest S (dashed)",
            chart,
            false));
  }
}
