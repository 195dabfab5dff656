package org.deltaboost.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** Report contents checked against medians computed by hand from {@link GridFixture}'s numbers. */
class ReportTest {
  @TempDir Path tmp;

  @Test
  void errorPerEpochTableHoldsMedianMinMaxOverSeeds() throws IOException {
    Report.generate(
        GridFixture.write(tmp.resolve("grid"), "table1-mnist", true), tmp.resolve("out"));
    // softmax-ce epoch 3: {0.20, 0.30, 0.22} -> median 0.22; sigmoid epoch 3: {0.60, 0.65} (s3
    // diverged) -> 0.625
    assertEquals(
        List.of(
            "strategy,epoch,trials,median error %,min error %,max error %",
            "softmax-ce,1,3,50.00,40.00,60.00",
            "softmax-ce,2,3,30.00,20.00,35.00",
            "softmax-ce,3,3,22.00,20.00,30.00",
            "softmax-ce,4,3,21.00,10.00,25.00",
            "sigmoid,1,3,85.00,80.00,90.00",
            "sigmoid,2,3,70.00,60.00,75.00",
            "sigmoid,3,2,62.50,60.00,65.00",
            "sigmoid,4,2,52.50,50.00,55.00"),
        GridFixture.lines(tmp.resolve("out/tables/error-per-epoch.csv")));
  }

  @Test
  void table1FormHasOurMediansAndThePapersNumbersForTable1Experiments() throws IOException {
    Report.generate(
        GridFixture.write(tmp.resolve("grid"), "table1-mnist", true), tmp.resolve("out"));
    // softmax-ce min errors {0.20, 0.10, 0.20} at epochs {3, 4, 2}; sigmoid {0.50, 0.55} at {4, 4},
    // one diverged
    assertEquals(
        List.of(
            "strategy,median min error %,median convergence epoch,diverged,paper error %,paper convergence epoch",
            "softmax-ce,20.00,3.0,0/3,–,–", "sigmoid,52.50,4.0,1/3,1.8,98.5"),
        GridFixture.lines(tmp.resolve("out/tables/table1.csv")));
    assertEquals(
        "| sigmoid | 52.50 | 4.0 | 1/3 | 1.8 | 98.5 |",
        GridFixture.lines(tmp.resolve("out/tables/table1.md")).get(3));
  }

  @Test
  void table1FormOmitsPaperColumnsForOtherExperiments() throws IOException {
    Report.generate(GridFixture.write(tmp.resolve("grid"), "quick", true), tmp.resolve("out"));
    assertEquals(
        "strategy,median min error %,median convergence epoch,diverged",
        GridFixture.lines(tmp.resolve("out/tables/table1.csv")).get(0));
  }

  @Test
  void timeToAccuracyTableAndFigureComeFromSummary() throws IOException {
    // cells holding a comma are quoted (RFC 4180)
    Report.generate(
        GridFixture.write(tmp.resolve("grid"), "table1-mnist", true), tmp.resolve("out"));
    assertEquals(
        List.of(
            "strategy,reached target,epochs to target,seconds to target",
            "softmax-ce,3/3,\"3.0 [2.0, 3.0]\",\"3.00 [2.50, 3.50]\"",
            "sigmoid,0/3,never,never"),
        GridFixture.lines(tmp.resolve("out/tables/time-to-accuracy.csv")));
    assertTrue(Files.exists(tmp.resolve("out/figures/time-to-accuracy.png")));
  }

  @Test
  void figuresArePngsThatDecodeAndSvgs() throws IOException {
    Report.generate(
        GridFixture.write(tmp.resolve("grid"), "table1-mnist", true), tmp.resolve("out"));
    for (String name : List.of("error-per-epoch", "time-to-accuracy")) {
      BufferedImage png = ImageIO.read(tmp.resolve("out/figures/" + name + ".png").toFile());
      assertNotNull(png, name + ".png does not decode");
      assertEquals(900, png.getWidth());
      assertEquals(520, png.getHeight());
      String svg = Files.readString(tmp.resolve("out/figures/" + name + ".svg"));
      assertTrue(svg.contains("<svg"), name + ".svg is not SVG");
    }
  }

  @Test
  void pageLinksOnlyLocalFilesThatExistAndStatesProvenance() throws IOException {
    Path index =
        Report.generate(
            GridFixture.write(tmp.resolve("grid"), "table1-mnist", true), tmp.resolve("out"));
    String html = Files.readString(index);
    Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
    int count = 0;
    while (refs.find()) {
      String ref = refs.group(1);
      assertFalse(ref.contains(":"), "non-local reference " + ref);
      assertTrue(Files.isRegularFile(index.getParent().resolve(ref)), "missing " + ref);
      count++;
    }
    // 2 figures x (img + svg link) + 6 tables x (csv + md)
    assertEquals(16, count);
    assertFalse(html.contains("<script"));
    for (String fact :
        List.of(
            "<td>experiment</td><td>table1-mnist</td>",
            "<td>seeds</td><td>1, 2, 3</td>",
            "<td>diverged trials</td><td>1</td>",
            "<td>trials recorded</td><td>6</td>",
            "<td>djlVersion</td><td>0.36.0</td>",
            "<td>engine</td><td>PyTorch 2.7.1</td>",
            // 3 x 4 softmax-ce + (4 + 4 + 2) sigmoid = 22 epochs recorded at 1.25 s each
            "<td>training seconds, all trials</td><td>27.5</td>",
            // plus 0.05 s of evaluation per epoch
            "<td>training + evaluation seconds, all trials</td><td>28.6</td>",
            "<td>gitCommit</td><td>0123abc</td>",
            "<td>started</td><td>2026-11-27T07:21:00Z … 2026-11-27T07:23:00Z</td>")) {
      assertTrue(html.contains(fact), "page lacks " + fact);
    }
  }

  @Test
  void errorFigurePlotsTheMedianAndTheBandOverSeeds() throws IOException {
    XYChart chart =
        (XYChart)
            Figures.errorPerEpoch(
                    GridRecords.read(GridFixture.write(tmp.resolve("grid"), "quick", true)))
                .chart();
    // the same medians as errorPerEpochTableHoldsMedianMinMaxOverSeeds, in percent
    assertArrayEquals(
        new double[] {50, 30, 22, 21}, chart.getSeriesMap().get("softmax-ce").getYData(), 1e-9);
    assertArrayEquals(
        new double[] {80, 60, 60, 50}, chart.getSeriesMap().get("sigmoid min").getYData(), 1e-9);
    assertArrayEquals(
        new double[] {90, 75, 65, 55}, chart.getSeriesMap().get("sigmoid max").getYData(), 1e-9);
  }

  @Test
  void trialsTableHasEachTrialsWallTimeAndConfigurationTableTheFieldsThatDiffer()
      throws IOException {
    Report.generate(GridFixture.write(tmp.resolve("grid"), "quick", true), tmp.resolve("out"));
    List<String> trials = GridFixture.lines(tmp.resolve("out/tables/trials.csv"));
    assertEquals("strategy,seed,status,epochs,training s,evaluation s,total s", trials.get(0));
    // sigmoid-s3: 2 epochs of 1.25 s training and 0.05 s evaluation
    assertEquals("sigmoid,3,diverged,2,2.5,0.1,2.6", trials.get(6));
    // only the fields that differ between strategies: here the strategy id (dataset, model,
    // epochs and the learning rate are shared; the seed is left out)
    assertEquals(
        List.of("strategy,strategy.id", "softmax-ce,softmax-ce", "sigmoid,sigmoid"),
        GridFixture.lines(tmp.resolve("out/tables/configuration.csv")));
  }

  @Test
  void pageOpensWithTheVerdictTableAndEndsWithProvenance() throws IOException {
    Path index =
        Report.generate(
            GridFixture.write(
                tmp.resolve("grid"), "table1-mnist", true, GridFixture.Extra.VERDICTS),
            tmp.resolve("out"));
    String html = Files.readString(index);
    int verdicts = html.indexOf("<h2>Verdicts</h2>");
    int tables = html.indexOf("<h2>Tables</h2>");
    int figures = html.indexOf("<h2>Figures</h2>");
    int provenance = html.indexOf("<h2>Provenance and configuration</h2>");
    assertTrue(
        0 < verdicts && verdicts < tables && tables < figures && figures < provenance,
        verdicts + " " + tables + " " + figures + " " + provenance);
    assertTrue(html.indexOf("<table>") > verdicts && html.indexOf("<table>") < tables);
    assertEquals(
        List.of(
            "claim,metric,our estimate [95% interval],paper,verdict,why",
            "sigmoid-error (Table 1),sigmoid vs softmax-ce: minTestError lower,"
                + "\"+32.50 points [+30.00 points, +35.00 points]\",1.8% vs 1.7%,refuted,"
                + "the interval lies on the other side of 0; margin ±0.30 points; 3 seed pairs",
            "sigmoid-epochs (Table 1),sigmoid vs softmax-ce: convergenceEpochRelative higher by 25%,"
                + "\"+25% [-50%, +50%]\",98.5 vs 73.5 epochs,inconclusive,"
                + "the interval spans 0 and leaves the margin; about 9 more trial(s) would decide;"
                + " margin ±10%; 3 seed pairs"),
        GridFixture.lines(tmp.resolve("out/tables/verdicts.csv")));
    assertEquals(
        "claim,source,quote", GridFixture.lines(tmp.resolve("out/tables/claims.csv")).get(0));
    assertEquals(
        "sigmoid,2,\"+32.50 [+30.00, +35.00]\",\"+31.50 [+29.00, +34.00]\",\"+30.00 [+30.00, +30.00]\","
            + "\"+25% [+0%, +50%]\",\"+∞ [+∞, +∞]\",-",
        GridFixture.lines(tmp.resolve("out/tables/paired-differences.csv")).get(1));
    assertTrue(html.contains("Settings: shipped defaults (neither tuned)."), html);
  }

  @Test
  void noTimeToAccuracyFigureWhenNobodyReachedTheTarget() throws IOException {
    Path index =
        Report.generate(GridFixture.write(tmp.resolve("grid"), "quick", false), tmp.resolve("out"));
    assertFalse(Files.exists(tmp.resolve("out/figures/time-to-accuracy.png")));
    assertTrue(Files.readString(index).contains("No strategy reached the target error of 25.00%"));
  }

  @Test
  void missingSummaryIsNamed() {
    ReportException e =
        assertThrows(ReportException.class, () -> Report.generate(tmp, tmp.resolve("out")));
    assertTrue(e.getMessage().contains(tmp.resolve("summary.json").toString()), e.getMessage());
  }

  @Test
  void malformedEpochLineIsNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true);
    Files.writeString(
        grid.resolve("sigmoid-s2/epochs.jsonl"),
        "{\"epoch\":1,\"testError\":0.5,\"seconds\":1,\"evalSeconds\":0.1}\n{oops\n");
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(grid));
    assertTrue(e.getMessage().contains("sigmoid-s2/epochs.jsonl line 2"), e.getMessage());
  }

  @Test
  void epochsOutOfOrderAreNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true);
    Files.writeString(
        grid.resolve("sigmoid-s2/epochs.jsonl"), "{\"epoch\":2,\"testError\":0.5,\"seconds\":1}\n");
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(grid));
    assertTrue(e.getMessage().contains("line 1: field 'epoch' is 2, expected 1"), e.getMessage());
  }

  @Test
  void unknownStatusIsNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true);
    Files.writeString(grid.resolve("softmax-ce-s1/result.json"), "{\"status\":\"running\"}");
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(grid));
    assertTrue(
        e.getMessage().contains("softmax-ce-s1/result.json: field 'status' is 'running'"),
        e.getMessage());
  }

  @Test
  void missingFieldIsNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true);
    Files.writeString(
        grid.resolve("softmax-ce-s1/result.json"),
        "{\"status\":\"completed\",\"convergenceEpoch\":3}");
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(grid));
    assertTrue(e.getMessage().contains("field 'minTestError' is missing"), e.getMessage());
  }

  @Test
  void trialOfALabelTheSummaryDoesNotCompareIsLeftOut() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true);
    Files.createDirectories(grid.resolve("tanh-s1"));
    Files.writeString(
        grid.resolve("tanh-s1/config.json"),
        Files.readString(grid.resolve("sigmoid-s1/config.json")));
    Files.copy(grid.resolve("sigmoid-s1/epochs.jsonl"), grid.resolve("tanh-s1/epochs.jsonl"));
    Files.copy(grid.resolve("sigmoid-s1/result.json"), grid.resolve("tanh-s1/result.json"));
    GridRecords records = GridRecords.read(grid);
    assertTrue(
        records.trials().stream().noneMatch(t -> t.label().equals("tanh")),
        records.trials().toString());
    assertEquals(
        records.labels(), records.trials().stream().map(TrialRecord::label).distinct().toList());
    assertEquals(List.of("tanh-s1"), records.notSummarized());
  }

  @Test
  void seedsPastTheSummarizedTrialsAreLeftOutEvenUnfinished() throws IOException {
    // an earlier compare with --trials 4 was stopped during softmax-ce-s4; a later one with
    // --trials 3 summarized
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true);
    Files.createDirectories(grid.resolve("softmax-ce-s4"));
    Files.writeString(
        grid.resolve("softmax-ce-s4/config.json"),
        Files.readString(grid.resolve("softmax-ce-s1/config.json")));
    Files.writeString(grid.resolve("softmax-ce-s4/epochs.jsonl"), "");
    Path index = Report.generate(grid, tmp.resolve("out"));
    GridRecords records = GridRecords.read(grid);
    assertEquals(
        List.of(1, 2, 3), records.trialsOf("softmax-ce").stream().map(TrialRecord::seed).toList());
    assertEquals(List.of("softmax-ce-s4"), records.notSummarized());
    assertTrue(
        Files.readString(index)
            .contains(
                "<td>trial folders not in summary.json (left out)</td><td>softmax-ce-s4</td>"));
  }

  @Test
  void summarizedTrialWithoutResultIsNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true);
    Files.delete(grid.resolve("sigmoid-s2/result.json"));
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(grid));
    assertTrue(e.getMessage().contains("sigmoid-s2/result.json is missing"), e.getMessage());
  }
}
