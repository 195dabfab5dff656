package org.deltaboost.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.deltaboost.records.EpochRecord;
import org.deltaboost.records.Interval;
import org.deltaboost.records.StrategySummary;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures of errors and time, drawn with XChart. Curves (paper Fig 1, 4): per label
 * the median over seeds as a solid line, the min and max over seeds as dashed lines of the same
 * colour (the band), from {@link EpochCurve}. Time to accuracy: a bar per label at the median
 * seconds to the target error, with the bootstrap interval's ends as markers; labels that never
 * reached the target are left out.
 */
final class Figures {
  private Figures() {}

  /** Top-1 test error per epoch (Fig 1). */
  static Figure errorPerEpoch(GridRecords grid) {
    return curves(
        grid,
        "error-per-epoch",
        "Test error per epoch",
        "test error %",
        e -> e.result().testError(),
        "Test error per epoch per strategy: median over seeds, dashed lines min and max");
  }

  /** Top-5 test error per epoch (Fig 4b), when the records have {@code top5Error}. */
  static Optional<Figure> top5ErrorPerEpoch(GridRecords grid) {
    if (!grid.anyEpoch(e -> e.result().top5Error() != null)) {
      return Optional.empty();
    }
    return Optional.of(
        curves(
            grid,
            "top5-error-per-epoch",
            "Top-5 test error per epoch",
            "top-5 error %",
            e -> e.result().top5Error(),
            "Top-5 test error per epoch per strategy: median over seeds, dashed lines min and max"));
  }

  /** Mean IoU per epoch, when the records have {@code meanIou}. */
  static Optional<Figure> meanIouPerEpoch(GridRecords grid) {
    if (!grid.anyEpoch(e -> e.result().meanIou() != null)) {
      return Optional.empty();
    }
    return Optional.of(
        curves(
            grid,
            "mean-iou-per-epoch",
            "Mean IoU per epoch",
            "mean IoU %",
            e -> e.result().meanIou(),
            "Mean IoU (over classes) per epoch per strategy: median over seeds, dashed lines min and max"));
  }

  static XYChart curveChart(
      GridRecords grid, String title, String yTitle, Function<EpochRecord, Double> fraction) {
    XYChart chart =
        new XYChartBuilder()
            .width(Figure.WIDTH)
            .height(Figure.HEIGHT)
            .title(title + " (" + grid.experiment() + "): median over seeds, dashed min-max")
            .xAxisTitle("epoch")
            .yAxisTitle(yTitle)
            .build();
    Color[] palette = chart.getStyler().getSeriesColors();
    List<String> labels = grid.labels();
    for (int k = 0; k < labels.size(); k++) {
      EpochCurve c = EpochCurve.over(labels.get(k), grid.trialsOf(labels.get(k)), fraction);
      if (c.epochs().isEmpty()) {
        continue;
      }
      Color colour = palette[k % palette.length];
      double[] x = c.epochs().stream().mapToDouble(Integer::doubleValue).toArray();
      XYSeries median = chart.addSeries(c.label(), x, percents(c.median()));
      median.setLineColor(colour);
      median.setMarkerColor(colour);
      median.setMarker(SeriesMarkers.CIRCLE);
      for (String bound : List.of("min", "max")) {
        XYSeries edge =
            chart.addSeries(
                c.label() + " " + bound, x, percents(bound.equals("min") ? c.min() : c.max()));
        edge.setLineColor(colour);
        edge.setLineStyle(SeriesLines.DASH_DASH);
        edge.setMarker(SeriesMarkers.NONE);
        edge.setShowInLegend(false);
      }
    }
    return chart;
  }

  private static Figure curves(
      GridRecords grid,
      String name,
      String title,
      String yTitle,
      Function<EpochRecord, Double> fraction,
      String caption) {
    return new Figure(name, caption, curveChart(grid, title, yTitle, fraction), false);
  }

  /** Empty when no label reached the target error. */
  static Optional<Figure> timeToAccuracy(GridRecords grid) {
    List<String> labels = new ArrayList<>();
    List<Double> median = new ArrayList<>();
    List<Double> low = new ArrayList<>();
    List<Double> high = new ArrayList<>();
    for (StrategySummary s : grid.summaries()) {
      Interval i = s.secondsToTarget();
      if (i != null && i.present()) {
        labels.add(s.strategy());
        median.add(i.median());
        low.add(Double.isInfinite(i.low()) ? i.median() : i.low());
        high.add(Double.isInfinite(i.high()) ? i.median() : i.high());
      }
    }
    if (labels.isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Figure.WIDTH)
            .height(Figure.HEIGHT)
            .title(
                "Training seconds to "
                    + GridTables.percent(grid.targetError())
                    + "% test error: median, 95% interval")
            .xAxisTitle("strategy")
            .yAxisTitle("seconds")
            .build();
    chart.getStyler().setOverlapped(true);
    chart.addSeries("median", labels, median);
    for (String bound : List.of("interval low", "interval high")) {
      CategorySeries s = chart.addSeries(bound, labels, bound.endsWith("low") ? low : high);
      s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      s.setMarker(bound.endsWith("low") ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.TRIANGLE_DOWN);
      s.setMarkerColor(Color.BLACK);
    }
    return Optional.of(
        new Figure(
            "time-to-accuracy",
            "Training seconds to the target error: median bar, bootstrap 95% interval markers",
            chart,
            false));
  }

  private static double[] percents(List<Double> fractions) {
    return fractions.stream().mapToDouble(f -> 100.0 * f).toArray();
  }
}
