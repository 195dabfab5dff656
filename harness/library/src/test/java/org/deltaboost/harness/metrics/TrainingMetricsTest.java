package org.deltaboost.harness.metrics;

import static org.deltaboost.harness.fixtures.PrometheusText.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.fixtures.Scrape;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.TrainingObserver;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.records.EpochProbes;
import org.deltaboost.records.EpochResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingMetricsTest {

  private static TrainingData data;

  @BeforeAll
  static void loadEmbeddedData() throws Exception {
    EngineSetup.configure();
    data = DatasetCatalog.load(DatasetCatalog.EMBEDDED, null);
  }

  /** Keeps what training reported. */
  private static final class Capture implements TrainingObserver {
    final List<EpochResult> results = new ArrayList<>();
    final List<EpochProbes> probes = new ArrayList<>();

    @Override
    public void onEpochEnd(EpochResult result, EpochProbes measured, int epochs) {
      results.add(result);
      probes.add(measured);
    }
  }

  @Test
  void metersHoldTheRunsTimingsErrorsAndProbesAndTheEndpointServesThem(@TempDir Path dir)
      throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataset", DatasetCatalog.EMBEDDED);
    fields.put("strategy", Map.of("id", "exp-gb"));
    fields.put("epochs", 2);
    fields.put("batchSize", 64);
    fields.put("trainLimit", 640);
    fields.put(
        "probes",
        Map.of(
            "gradientRms", true, "softmaxNormalization", true, "deltaHistogramEpochs", List.of(1)));
    TrainingConfig config = new TrainingConfigReader().read(null, fields);
    Path runDir = dir.resolve("r1");
    Capture capture = new Capture();
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(0);
        TrainingMetrics metrics =
            new TrainingMetrics(runDir, "exp-gb", false, endpoint.registry())) {
      new TrainingRun(
              config, data, ModelCatalog.create("mlp", 1, 28, 28, 10), List.of(metrics, capture))
          .run();

      Scrape response = Scrape.get(endpoint.url());
      assertEquals(200, response.status());
      assertEquals(MetricsEndpoint.CONTENT_TYPE, response.contentType());
      String text = response.body();
      String[] run = {"run=\"r1\"", "strategy=\"exp-gb\""};
      EpochResult last = capture.results.get(1);
      // 640 samples in batches of 64: 10 steps per epoch
      assertEquals(20, require(text, "deltaboost_step_seconds_count", run));
      assertEquals(20, require(text, "deltaboost_data_seconds_count", run));
      assertEquals(1280, require(text, "deltaboost_train_samples_total", run));
      double stepSeconds = require(text, "deltaboost_step_seconds_sum", run);
      double dataSeconds = require(text, "deltaboost_data_seconds_sum", run);
      double epochSeconds = capture.results.stream().mapToDouble(EpochResult::seconds).sum();
      assertTrue(stepSeconds > 0 && dataSeconds > 0, stepSeconds + " " + dataSeconds);
      // the steps' data and compute time are parts of the epochs' training time
      assertTrue(
          stepSeconds + dataSeconds <= epochSeconds * 1.0001,
          stepSeconds + dataSeconds + " > " + epochSeconds);
      assertTrue(require(text, "deltaboost_step_seconds_max", run) > 0);
      assertEquals(epochSeconds, require(text, "deltaboost_epoch_time_seconds_sum", run), 1e-6);
      assertEquals(2, require(text, "deltaboost_eval_seconds_count", run));
      assertEquals(
          capture.results.stream().mapToDouble(EpochResult::evalSeconds).sum(),
          require(text, "deltaboost_eval_seconds_sum", run),
          1e-6);
      assertEquals(2, require(text, "deltaboost_epoch", run));
      assertEquals(
          last.samplesPerSecond(), require(text, "deltaboost_samples_per_second", run), 1e-9);
      assertEquals(last.trainLoss(), require(text, "deltaboost_train_loss", run), 1e-12);
      assertEquals(
          last.testError(),
          require(text, "deltaboost_test_error", "run=\"r1\"", "split=\"test\""),
          1e-12);

      EpochProbes probes = capture.probes.get(1);
      assertEquals(
          probes.softmaxNormalization().logMean(),
          require(text, "deltaboost_softmax_normalization_log_mean", run),
          1e-9);
      assertEquals(
          probes.softmaxNormalization().logMax(),
          require(text, "deltaboost_softmax_normalization_log_max", run),
          1e-9);
      String output = probes.gradientRmsOutputLayer();
      assertEquals(
          probes.gradientRms().get(output + "_weight"),
          require(
              text,
              "deltaboost_gradient_rms",
              "parameter=\"" + output + "_weight\"",
              "output_layer=\"true\""),
          1e-12);
      String hidden = probes.gradientRms().keySet().iterator().next();
      assertFalse(hidden.startsWith(output));
      assertEquals(
          probes.gradientRms().get(hidden),
          require(
              text,
              "deltaboost_gradient_rms",
              "parameter=\"" + hidden + "\"",
              "output_layer=\"false\""),
          1e-12);
      // the delta histogram was taken in epoch 1 only
      assertEquals(1, require(text, "deltaboost_delta_histogram_epoch", run));
      assertEquals(
          capture.probes.get(0).deltaHistogram().min(),
          require(text, "deltaboost_delta_min", run),
          1e-12);
      assertEquals(
          capture.probes.get(0).deltaHistogram().max(),
          require(text, "deltaboost_delta_max", run),
          1e-12);

      // the run folder's snapshot holds the same meters
      String snapshot = Files.readString(runDir.resolve(TrainingMetrics.FILE));
      assertEquals(20, require(snapshot, "deltaboost_step_seconds_count", run));
      assertEquals(last.testError(), require(snapshot, "deltaboost_test_error", run), 1e-12);

      assertEquals(404, Scrape.get(endpoint.url().replace("/metrics", "/other")).status());
    }
  }

  @Test
  void probesOffRegisterNoProbeMetersAndAValidationRunSaysSo(@TempDir Path dir) throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataset", DatasetCatalog.EMBEDDED);
    fields.put("strategy", Map.of("id", "softmax-ce"));
    fields.put("epochs", 1);
    fields.put("trainLimit", 256);
    fields.put("validationFraction", 0.1);
    TrainingConfig config = new TrainingConfigReader().read(null, fields);
    try (TrainingMetrics metrics =
        new TrainingMetrics(dir.resolve("r2"), "softmax-ce", true, null)) {
      new TrainingRun(
              config,
              data.withValidationHoldOut(0.1),
              ModelCatalog.create("mlp", 1, 28, 28, 10),
              List.of(metrics))
          .run();
      String text = metrics.registry().scrape();
      assertTrue(require(text, "deltaboost_test_error", "split=\"validation\"") < 1);
      assertFalse(text.contains("deltaboost_gradient_rms"), text);
      assertFalse(text.contains("deltaboost_softmax_normalization"), text);
      assertFalse(text.contains("deltaboost_delta_"), text);
    }
  }

  @Test
  void endpointRefusesPortsOutsideTheRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MetricsEndpoint.start(65536));
    assertTrue(
        e.getMessage().contains("port must be in [0, 65535] (0 = any free port), got 65536"),
        e.getMessage());
  }
}
