package org.deltaboost.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.runs.Provenance;
import org.deltaboost.harness.runs.RunRecorder;
import org.deltaboost.harness.train.TrainingConfig;
import org.deltaboost.harness.train.TrainingData;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.TrainingResult;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.strategies.StrategyConfig;

/** Runs one training config with a console reporter and a run record in {@code runs/<id>/}. */
final class RecordedTraining {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RecordedTraining() {}

  /**
   * Trains and records.
   *
   * @param config the run's configuration
   * @param data its data, already loaded
   * @param runsDir the folder holding run folders
   * @param runId the run's folder name, or {@code null} for {@code <strategy>-s<seed>-<time>}
   * @param reporter console output
   * @return the result; the record's {@code result.json} says {@code completed}
   * @throws TrainingDivergedException after writing {@code result.json} with {@code diverged}
   */
  static TrainingResult run(
      TrainingConfig config, TrainingData data, Path runsDir, String runId, ConsoleReporter reporter)
      throws IOException, TrainingDivergedException {
    StrategyConfig strategy = config.strategy().toStrategyConfig();
    Path directory = runsDir.resolve(runId != null ? runId : defaultRunId(runsDir, config));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("config", config);
    header.put("strategy", strategy);
    header.put("learningRate", config.resolvedLearningRate());
    header.put("trainSamples", data.train().size());
    header.put("testSamples", data.test().size());
    header.put("provenance", Provenance.current(data.source()));
    try (RunRecorder recorder = new RunRecorder(directory, header)) {
      TrainingRun run =
          new TrainingRun(
              config,
              data,
              ModelCatalog.create(
                  config.model(),
                  data.train().channels(),
                  data.train().height(),
                  data.train().width(),
                  data.train().numClasses()),
              List.of(reporter, recorder));
      try {
        TrainingResult result = run.run();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("finalTestError", result.finalTestError());
        summary.put("minTestError", result.minTestError());
        summary.put("convergenceEpoch", result.convergenceEpoch());
        recorder.finish("completed", summary);
        return result;
      } catch (TrainingDivergedException e) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("message", e.getMessage());
        summary.put("epoch", e.epoch());
        summary.put("step", e.step());
        recorder.finish("diverged", summary);
        throw e;
      }
    }
  }

  /** Loads the config's dataset. */
  static TrainingData load(TrainingConfig config) throws IOException {
    return DatasetCatalog.load(config.dataset(), config.dataDir() == null ? null : Path.of(config.dataDir()))
        .withValidationHoldOut(config.validationFraction());
  }

  private static String defaultRunId(Path runsDir, TrainingConfig config) {
    String base =
        config.strategy().id() + "-s" + config.seed() + "-" + LocalDateTime.now().format(STAMP);
    String id = base;
    for (int i = 2; Files.exists(runsDir.resolve(id)); i++) {
      id = base + "-" + i;
    }
    return id;
  }
}
