package org.deltaboost.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.reports.GridFixture.Extra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table 2 and Table 3 forms checked against medians computed by hand from {@link GridFixture}'s
 * formulas.
 */
class GridTablesTest {
  @TempDir Path tmp;

  @Test
  void table2HasMedianMinimumTop1AndTop5OfCompletedTrialsAndThePapersRows() throws IOException {
    Report.generate(
        GridFixture.write(tmp.resolve("grid"), "table2-imagenet-alexnet-bn", true, Extra.TOP5),
        tmp.resolve("out"));
    // softmax-ce minimum top-1 {0.20, 0.10, 0.20} -> 0.20, top-5 = top-1 / 2 -> 0.10;
    // sigmoid completed s1, s2: {0.50, 0.55} -> 0.525 and {0.25, 0.275} -> 0.2625
    assertEquals(
        List.of(
            "strategy,median min top-1 error %,median min top-5 error %,diverged,paper top-1 error %,paper top-5 error %",
            "softmax-ce,20.00,10.00,0/3,58.47,33.55", "sigmoid,52.50,26.25,1/3,–,–"),
        GridFixture.lines(tmp.resolve("out/tables/table2.csv")));
    assertTrue(Files.exists(tmp.resolve("out/figures/top5-error-per-epoch.png")));
  }

  @Test
  void table2IsLeftOutWithoutTop5AndHasNoPaperColumnsForOtherExperiments() throws IOException {
    Report.generate(
        GridFixture.write(tmp.resolve("a"), "table2-imagenet-alexnet-bn", true),
        tmp.resolve("outA"));
    assertFalse(Files.exists(tmp.resolve("outA/tables/table2.csv")));
    assertFalse(Files.exists(tmp.resolve("outA/figures/top5-error-per-epoch.png")));
    Report.generate(
        GridFixture.write(tmp.resolve("b"), "quick", true, Extra.TOP5), tmp.resolve("outB"));
    assertEquals(
        "strategy,median min top-1 error %,median min top-5 error %,diverged",
        GridFixture.lines(tmp.resolve("outB/tables/table2.csv")).get(0));
  }

  @Test
  void table3AtTheDefaultEpochHasPerClassMediansAndTheLastEpoch() throws IOException {
    Report.generate(
        GridFixture.write(tmp.resolve("grid"), "table3-voc-pixelnet", true, Extra.IOU),
        tmp.resolve("out"));
    // 4 epochs, none a multiple of 20: the last. softmax-ce errors at 4 {0.25, 0.10, 0.21}: class 0
    // = 1 - err
    // -> 0.79, class 2 = 0.9 - err -> 0.69, mIoU = 0.95 - err -> 0.74; aeroplane is null
    // everywhere.
    // sigmoid at 4, seeds 1 and 2 (s3 diverged at 2): {0.50, 0.55} -> 0.475, 0.375, 0.425
    assertEquals(
        List.of(
            "strategy,epoch,trials,background %,aeroplane %,bicycle %,mIoU %,paper mIoU %",
            "softmax-ce,4,3,79.00,–,69.00,74.00,–", "sigmoid,4,2,47.50,–,37.50,42.50,–"),
        GridFixture.lines(tmp.resolve("out/tables/table3.csv")));
    assertEquals(
        "E-40,92.3,87.9,43.2,73.6,54.6,68.8,83.9,82.2,77.1,27.7,62.0,50.8,74.6,75.5,80.6,78.7,47.4,74.0,43.2,"
            + "76.0,60.1,67.3",
        GridFixture.lines(tmp.resolve("out/tables/table3-paper.csv")).get(1));
    assertTrue(Files.exists(tmp.resolve("out/figures/mean-iou-per-epoch.png")));
  }

  @Test
  void table3AtAskedEpochsCountsTrialsThatReachedThem() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true, Extra.IOU);
    Report.generate(grid, tmp.resolve("out"), new ReportOptions(List.of(2, 4)));
    // epoch 2: softmax-ce errors {0.30, 0.35, 0.20} -> 0.70, 0.60, 0.65; sigmoid {0.70, 0.60, 0.75}
    // -> 0.30, 0.20, 0.25
    assertEquals(
        List.of(
            "strategy,epoch,trials,background %,aeroplane %,bicycle %,mIoU %",
            "softmax-ce,2,3,70.00,–,60.00,65.00",
            "softmax-ce,4,3,79.00,–,69.00,74.00",
            "sigmoid,2,3,30.00,–,20.00,25.00",
            "sigmoid,4,2,47.50,–,37.50,42.50"),
        GridFixture.lines(tmp.resolve("out/tables/table3.csv")));
    assertFalse(Files.exists(tmp.resolve("out/tables/table3-paper.csv")));
  }

  @Test
  void paperMiouIsMatchedByStrategyIdAndEpoch() throws IOException {
    Path grid = tmp.resolve("grid");
    Files.createDirectories(grid);
    // a one-trial exp-gb grid with mean IoUs at epochs 40 and 60
    GridFixture.writeSingleTrial(
        grid, "table3-voc-pixelnet", "exp-gb", 60, e -> "\"meanIou\":" + (e / 100.0));
    Report.generate(grid, tmp.resolve("out"), new ReportOptions(List.of(40, 60)));
    assertEquals(
        List.of(
            "strategy,epoch,trials,mIoU %,paper mIoU %",
            "exp-gb,40,1,40.00,67.3", "exp-gb,60,1,60.00,–"),
        GridFixture.lines(tmp.resolve("out/tables/table3.csv")));
    // default: multiples of 20 and the last epoch
    assertEquals(List.of(20, 40, 60), GridTables.defaultIouEpochs(GridRecords.read(grid).trials()));
  }

  @Test
  void table3EpochWithoutRecordsIsNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true, Extra.IOU);
    ReportException e =
        assertThrows(
            ReportException.class,
            () -> Report.generate(grid, tmp.resolve("out"), new ReportOptions(List.of(40))));
    assertTrue(
        e.getMessage().contains("Table 3 epoch 40: no trial of") && e.getMessage().contains("1..4"),
        e.getMessage());
  }

  @Test
  void classIouOfTheWrongLengthIsNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true, Extra.IOU);
    Path epochs = grid.resolve("sigmoid-s1/epochs.jsonl");
    Files.writeString(epochs, Files.readString(epochs).replace(",null,", ","));
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(grid));
    assertTrue(
        e.getMessage().contains("sigmoid-s1/epochs.jsonl epoch 1: field 'classIou' has 2 entries"),
        e.getMessage());
  }

  @Test
  void iouOutsideZeroOneIsNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true, Extra.IOU);
    Path epochs = grid.resolve("sigmoid-s1/epochs.jsonl");
    Files.writeString(
        epochs, Files.readString(epochs).replaceFirst("\"meanIou\":[0-9.]+", "\"meanIou\":45.0"));
    ReportException e = assertThrows(ReportException.class, () -> GridRecords.read(grid));
    assertTrue(
        e.getMessage().contains("line 1: field 'meanIou' is 45.0, expected a fraction in [0, 1]"),
        e.getMessage());
  }

  @Test
  void classNamesThatDisagreeAreNamed() throws IOException {
    Path grid = GridFixture.write(tmp.resolve("grid"), "quick", true, Extra.IOU);
    Path config = grid.resolve("sigmoid-s2/config.json");
    Files.writeString(config, Files.readString(config).replace("bicycle", "bike"));
    ReportException e =
        assertThrows(ReportException.class, () -> Report.generate(grid, tmp.resolve("out")));
    assertTrue(
        e.getMessage().contains("class names differ")
            && e.getMessage().contains("sigmoid-s2/config.json"),
        e.getMessage());
  }
}
