package org.deltaboost.reports;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * The report's figures, drawn with XChart and written as {@code <name>.png} and {@code <name>.svg}.
 * Error curves: per label the median over seeds as a solid line, the min and max over seeds as
 * dashed lines of the same colour (the band). Time to accuracy: a bar per label at the median
 * seconds to the target error, with the bootstrap interval's ends as markers; labels that never
 * reached the target are left out.
 */
final class Figures {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;

  private Figures() {}

  static void errorPerEpoch(GridRecords grid, Path stem) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Test error per epoch (" + grid.experiment() + "): median over seeds, dashed min-max")
        .xAxisTitle("epoch").yAxisTitle("test error %").build();
    Color[] palette = chart.getStyler().getSeriesColors();
    List<String> labels = grid.labels();
    for (int k = 0; k < labels.size(); k++) {
      ErrorCurve c = ErrorCurve.of(labels.get(k), grid.trialsOf(labels.get(k)));
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
        XYSeries edge = chart.addSeries(c.label() + " " + bound, x,
            percents(bound.equals("min") ? c.min() : c.max()));
        edge.setLineColor(colour);
        edge.setLineStyle(SeriesLines.DASH_DASH);
        edge.setMarker(SeriesMarkers.NONE);
        edge.setShowInLegend(false);
      }
    }
    write(chart, stem);
  }

  /** Returns false (and writes nothing) when no label reached the target error. */
  static boolean timeToAccuracy(GridRecords grid, Path stem) {
    List<String> labels = new ArrayList<>();
    List<Double> median = new ArrayList<>();
    List<Double> low = new ArrayList<>();
    List<Double> high = new ArrayList<>();
    for (StrategySummary s : grid.summaries()) {
      Interval i = s.secondsToTarget();
      if (i.present()) {
        labels.add(s.label());
        median.add(i.median());
        low.add(i.low() == null ? i.median() : i.low());
        high.add(i.high() == null ? i.median() : i.high());
      }
    }
    if (labels.isEmpty()) {
      return false;
    }
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Training seconds to " + GridTables.percent(grid.targetError()) + "% test error: median, 95% interval")
        .xAxisTitle("strategy").yAxisTitle("seconds").build();
    chart.getStyler().setOverlapped(true);
    chart.addSeries("median", labels, median);
    for (String bound : List.of("interval low", "interval high")) {
      CategorySeries s = chart.addSeries(bound, labels, bound.endsWith("low") ? low : high);
      s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      s.setMarker(bound.endsWith("low") ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.TRIANGLE_DOWN);
      s.setMarkerColor(Color.BLACK);
    }
    write(chart, stem);
    return true;
  }

  private static double[] percents(List<Double> fractions) {
    return fractions.stream().mapToDouble(f -> 100.0 * f).toArray();
  }

  private static void write(Chart<?, ?> chart, Path stem) {
    try {
      BitmapEncoder.saveBitmap(chart, stem + ".png", BitmapEncoder.BitmapFormat.PNG);
      VectorGraphicsEncoder.saveVectorGraphic(chart, stem + ".svg", VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new ReportException("cannot write figure " + stem + ".png/.svg: " + e.getMessage(), e);
    }
  }
}
