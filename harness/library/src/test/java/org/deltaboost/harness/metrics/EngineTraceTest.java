package org.deltaboost.harness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.TrainingResult;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.harness.train.config.StrategySettings;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTraceTest {

  private static TrainingData data;

  @BeforeAll
  static void loadEmbeddedData() throws Exception {
    EngineSetup.configure();
    data = DatasetCatalog.load(DatasetCatalog.EMBEDDED, null);
  }

  /** 256 samples in batches of 64: four steps per epoch. */
  private static TrainingConfig config(int epochs) throws Exception {
    return new TrainingConfigReader()
        .read(
            null,
            Map.of(
                "dataset",
                DatasetCatalog.EMBEDDED,
                "strategy",
                StrategySettings.of("exp-gb"),
                "epochs",
                epochs,
                "batchSize",
                64,
                "trainLimit",
                256,
                "seed",
                3));
  }

  private static TrainingResult train(TrainingConfig config, EngineTrace trace) throws Exception {
    return new TrainingRun(config, data, ModelCatalog.create("mlp", 1, 28, 28, 10), List.of(trace))
        .run();
  }

  @Test
  void tracesTheAskedStepsAndLeavesTheNumbersAlone(@TempDir Path dir) throws Exception {
    StringWriter console = new StringWriter();
    Path file = dir.resolve("trace.json");
    TrainingResult traced;
    try (EngineTrace trace =
        new EngineTrace(TraceSteps.parse("2:2-3"), file, new PrintWriter(console))) {
      traced = train(config(2), trace);
      EngineTraceSummary summary = trace.summary();
      assertNotNull(summary);
      assertEquals(2, summary.steps());
      // The MLP's step: three linear layers forward and backward, ReLUs, loss, update.
      assertTrue(summary.operatorsPerStep() >= 20, summary.describe());
      assertTrue(summary.operatorMillis() > 0, summary.describe());
      assertTrue(summary.spanMillis() >= summary.operatorMillis(), summary.describe());
      assertTrue(
          summary.top().stream().anyMatch(op -> op.name().equals("aten::addmm")),
          summary.describe());
    }
    assertTrue(Files.size(file) > 0);
    assertTrue(
        console.toString().startsWith("engine trace of epoch 2 steps 2-3 (trace.json): "),
        console.toString());
    // Tracing only watches: the same config untraced trains to the same numbers.
    TrainingResult plain =
        new TrainingRun(config(2), data, ModelCatalog.create("mlp", 1, 28, 28, 10), List.of())
            .run();
    for (int e = 0; e < 2; e++) {
      assertEquals(plain.epochs().get(e).trainLoss(), traced.epochs().get(e).trainLoss());
      assertEquals(plain.epochs().get(e).testError(), traced.epochs().get(e).testError());
    }
  }

  @Test
  void theFirstStepOfAnEpochCanBeTraced(@TempDir Path dir) throws Exception {
    try (EngineTrace trace =
        new EngineTrace(
            TraceSteps.parse("1:1"), dir.resolve("t.json"), new PrintWriter(new StringWriter()))) {
      train(config(1), trace);
      assertEquals(1, trace.summary().steps());
    }
  }

  @Test
  void anEpochWithTooFewStepsIsRefusedBeforeItsFirstStep(@TempDir Path dir) throws Exception {
    try (EngineTrace trace =
        new EngineTrace(
            TraceSteps.parse("1:3-5"),
            dir.resolve("t.json"),
            new PrintWriter(new StringWriter()))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> train(config(1), trace));
      assertEquals("trace steps 1:3-5: epoch 1 has only 4 steps", e.getMessage());
      assertNull(trace.summary());
    }
    assertFalse(Files.exists(dir.resolve("t.json")));
  }

  @Test
  void aTraceWhoseStepsNeverRanSaysSo(@TempDir Path dir) throws Exception {
    StringWriter console = new StringWriter();
    try (EngineTrace trace =
        new EngineTrace(
            TraceSteps.parse("2:1-2"), dir.resolve("t.json"), new PrintWriter(console))) {
      train(config(1), trace); // one epoch: epoch 2 never runs
      assertNull(trace.summary());
    }
    assertEquals(
        "engine trace: epoch 2 steps 1-2 did not run in this process (nothing traced)",
        console.toString().strip());
    assertFalse(Files.exists(dir.resolve("t.json")));
  }

  @Test
  void closingInsideTheTracedStepsKeepsAnIncompleteTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.json");
    EngineTrace trace =
        new EngineTrace(TraceSteps.parse("1:2-4"), file, new PrintWriter(new StringWriter()));
    trace.onEpochStart(1, 1, 4);
    trace.onStep(1, 1, 4); // the profiler starts here, before step 2
    trace.close(); // the run ended before step 4
    assertNull(trace.summary());
    assertFalse(Files.exists(file));
    assertTrue(Files.exists(dir.resolve("t.json.incomplete")));
    trace.close(); // closing twice does nothing
  }
}
