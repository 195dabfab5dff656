package org.deltaboost.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.reports.GridFixture.Extra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The probe figures' plotted series checked against {@link GridFixture}'s formulas. */
class ProbeFiguresTest {
  private static final double TOLERANCE = 1e-12;
  private static final double LN_10 = Math.log(10);

  @TempDir Path tmp;

  private GridRecords grid(Extra... extras) throws IOException {
    return GridRecords.read(GridFixture.write(tmp.resolve("grid"), "quick", true, extras));
  }

  private static Map<String, XYSeries> series(Figure f) {
    return ((XYChart) f.chart()).getSeriesMap();
  }

  @Test
  void deltaHistogramPanelsShowTheLowestSeedWithAHistogramBinByBin() throws IOException {
    List<Figure> figures = ProbeFigures.deltaHistograms(grid(Extra.PROBES));
    assertEquals(
        List.of(
            "delta-histogram-e1-softmax-ce",
            "delta-histogram-e1-sigmoid",
            "delta-histogram-e4-softmax-ce",
            "delta-histogram-e4-sigmoid"),
        figures.stream().map(Figure::name).toList());
    // epoch 4 of softmax-ce-s1 has no histogram: seed 2, counts [2, 8]; a step series repeats the
    // last count
    XYSeries softmax4 = series(figures.get(2)).get("softmax-ce");
    assertArrayEquals(new double[] {-1, 0, 1}, softmax4.getXData());
    assertArrayEquals(new double[] {2, 8, 8}, softmax4.getYData());
    assertTrue(figures.get(2).caption().contains("seed 2"), figures.get(2).caption());
    assertArrayEquals(new double[] {1, 9, 9}, series(figures.get(3)).get("sigmoid").getYData());
  }

  @Test
  void gradientPanelsPutTheOutputLayerFirstAndPlotMedianOverSeeds() throws IOException {
    GridRecords grid = grid(Extra.PROBES);
    assertEquals(
        List.of(
            new ProbeFigures.GradientPanel("02Linear_weight", "02Linear", true),
            new ProbeFigures.GradientPanel("01Linear_weight", "01Linear", false)),
        ProbeFigures.gradientPanels(grid));
    List<Figure> figures = ProbeFigures.gradientRms(grid);
    assertEquals(
        List.of("gradient-rms-02Linear", "gradient-rms-01Linear"),
        figures.stream().map(Figure::name).toList());
    XYChart output = (XYChart) figures.get(0).chart();
    assertTrue(output.getStyler().isYAxisLogarithmic());
    // medians from 0.02 to 0.08: the axis spans the decade [0.01, 0.1]
    assertEquals(0.01, output.getStyler().getYAxisMin(), 1e-15);
    assertEquals(0.1, output.getStyler().getYAxisMax(), 1e-15);
    // 02Linear_weight = s·e·1e-2: softmax-ce median over s ∈ {1,2,3} is 2e-2·e;
    // sigmoid has seeds {1,2,3} up to epoch 2, then {1,2}: 1.5e-2·e
    assertArrayEquals(
        new double[] {0.02, 0.04, 0.06, 0.08},
        series(figures.get(0)).get("softmax-ce").getYData(),
        TOLERANCE);
    assertArrayEquals(
        new double[] {0.02, 0.04, 0.045, 0.06},
        series(figures.get(0)).get("sigmoid").getYData(),
        TOLERANCE);
    assertArrayEquals(new double[] {1, 2, 3, 4}, series(figures.get(0)).get("sigmoid").getXData());
  }

  @Test
  void gradientRmsTableListsEveryParameter() throws IOException {
    Table t = ProbeTables.gradientRms(grid(Extra.PROBES)).orElseThrow();
    // 2 labels x 4 parameters x 4 epochs
    assertEquals(32, t.rows().size());
    // sigmoid 01Linear_bias at epoch 3 = s·3·1e-4 for seeds {1, 2}: median 4.5e-4
    assertEquals(
        List.of("sigmoid", "01Linear_bias", "3", "2", "4.5000e-04", "3.0000e-04", "6.0000e-04"),
        t.rows().get(16 + 4 + 2));
  }

  @Test
  void softmaxNormalizationPlotsMedianLog10MeanAndMax() throws IOException {
    Figure f = ProbeFigures.softmaxNormalization(grid(Extra.PROBES)).orElseThrow();
    // logMean = s + e (natural log), median over s ∈ {1,2,3} = 2 + e; logMax = 2(s + e)
    double[] mean = new double[4];
    double[] max = new double[4];
    for (int e = 1; e <= 4; e++) {
      mean[e - 1] = (2 + e) / LN_10;
      max[e - 1] = 2 * (2 + e) / LN_10;
    }
    assertArrayEquals(mean, series(f).get("softmax-ce mean").getYData(), TOLERANCE);
    assertArrayEquals(max, series(f).get("softmax-ce max").getYData(), TOLERANCE);
    // sigmoid at epoch 3: seeds {1, 2} -> median logMean 1.5 + 3
    assertEquals(4.5 / LN_10, series(f).get("sigmoid mean").getYData()[2], TOLERANCE);
  }

  @Test
  void probeFiguresAndTablesAppearOnlyWithTheirFields() throws IOException {
    GridRecords plain = grid();
    assertTrue(ProbeFigures.deltaHistograms(plain).isEmpty());
    assertTrue(ProbeFigures.gradientRms(plain).isEmpty());
    assertTrue(ProbeFigures.softmaxNormalization(plain).isEmpty());
    assertTrue(ProbeTables.gradientRms(plain).isEmpty());
    Path index = Report.generate(plain.dir(), tmp.resolve("out"));
    assertFalse(Files.readString(index).contains("Probes"));
  }

  @Test
  void probeReportWritesEveryFigureAndTable() throws IOException {
    Path index =
        Report.generate(
            GridFixture.write(tmp.resolve("grid"), "quick", true, Extra.PROBES),
            tmp.resolve("out"));
    for (String name :
        List.of("delta-histogram-e4-sigmoid", "gradient-rms-01Linear", "softmax-normalization")) {
      assertTrue(Files.size(tmp.resolve("out/figures/" + name + ".png")) > 0, name);
      assertTrue(
          Files.readString(tmp.resolve("out/figures/" + name + ".svg")).contains("<svg"), name);
    }
    for (String name : List.of("delta-histograms", "gradient-rms", "softmax-normalization")) {
      assertTrue(Files.exists(tmp.resolve("out/tables/" + name + ".csv")), name);
      assertTrue(Files.exists(tmp.resolve("out/tables/" + name + ".md")), name);
    }
    assertEquals(
        List.of(
            "strategy,seed,epoch,bin low,bin high,count",
            "softmax-ce,1,1,-1.0000e+00,0.0000e+00,1"),
        GridFixture.lines(tmp.resolve("out/tables/delta-histograms.csv")).subList(0, 2));
    assertTrue(Files.readString(index).contains("Gradient RMS per layer (paper Fig 3)"));
  }

  @Test
  void histogramWhoseCountsDoNotSumToValuesIsNamed() throws IOException {
    Path dir = GridFixture.write(tmp.resolve("grid"), "quick", true, Extra.PROBES);
    Path epochs = dir.resolve("sigmoid-s2/epochs.jsonl");
    Files.writeString(
        epochs, Files.readString(epochs).replace("\"counts\":[2,8]", "\"counts\":[2,9]"));
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(dir));
    assertTrue(
        e.getMessage()
            .contains(
                "sigmoid-s2/epochs.jsonl line 1 deltaHistogram: counts sum to 11, field"
                    + " 'values' is 10"),
        e.getMessage());
  }

  @Test
  void gradientRmsWithoutOutputLayerIsNamed() throws IOException {
    Path dir = GridFixture.write(tmp.resolve("grid"), "quick", true, Extra.PROBES);
    Path epochs = dir.resolve("softmax-ce-s3/epochs.jsonl");
    Files.writeString(
        epochs, Files.readString(epochs).replace(",\"gradientRmsOutputLayer\":\"02Linear\"", ""));
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(dir));
    assertTrue(
        e.getMessage()
            .contains(
                "softmax-ce-s3/epochs.jsonl line 1: field 'gradientRmsOutputLayer' is missing"),
        e.getMessage());
  }
}
