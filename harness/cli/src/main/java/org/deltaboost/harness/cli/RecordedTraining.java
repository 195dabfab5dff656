package org.deltaboost.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.metrics.EngineTrace;
import org.deltaboost.harness.metrics.TraceSteps;
import org.deltaboost.harness.metrics.TrainingMetrics;
import org.deltaboost.harness.runs.Provenance;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.runs.RunName;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.runs.RunRecorder;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.TrainingObserver;
import org.deltaboost.harness.train.TrainingResult;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.harness.train.checkpoint.CheckpointFile;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.strategies.StrategyConfig;

/**
 * Runs one training config with a console reporter, a run record and its metrics in {@code
 * runs/<id>/}, checkpointing every epoch; with {@link RunControl#resume} it continues the folder's
 * run from its checkpoint (or returns the recorded result of a finished one).
 */
final class RecordedTraining {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RecordedTraining() {}

  /**
   * Trains and records.
   *
   * @param config the run's configuration
   * @param control its run folder and whether to continue it
   * @param data its data, already loaded
   * @param reporter console output
   * @return the result; the record's {@code result.json} says {@code completed}
   * @throws TrainingDivergedException after writing {@code result.json} with {@code diverged}, or
   *     when resuming a run recorded as diverged
   */
  static TrainingResult run(
      TrainingConfig config, RunControl control, TrainingData data, ConsoleReporter reporter)
      throws IOException, TrainingDivergedException {
    return run(config, control, data, reporter, null);
  }

  /**
   * Trains and records, with the run's meters ({@link TrainingMetrics}, written to {@code
   * metrics.prom} in the run folder) also registered in {@code served} when given.
   *
   * @param served the registry a {@code --metrics-port} endpoint serves, or {@code null}
   * @see #run(TrainingConfig, RunControl, TrainingData, ConsoleReporter)
   */
  static TrainingResult run(
      TrainingConfig config,
      RunControl control,
      TrainingData data,
      ConsoleReporter reporter,
      MeterRegistry served)
      throws IOException, TrainingDivergedException {
    return run(config, control, data, reporter, served, null, null);
  }

  /**
   * Trains and records as {@link #run(TrainingConfig, RunControl, TrainingData, ConsoleReporter,
   * MeterRegistry)}, and with {@code trace} records the engine's profiler over those steps into
   * {@code engine-trace-e<E>-s<FROM>-<TO>.json} in the run folder ({@link EngineTrace}), its
   * summary printed to {@code console}; the header's {@code engineTrace} names the traced steps.
   *
   * @param trace the steps to trace, or {@code null} for none
   * @param console where the trace's summary goes (used only with {@code trace})
   */
  static TrainingResult run(
      TrainingConfig config,
      RunControl control,
      TrainingData data,
      ConsoleReporter reporter,
      MeterRegistry served,
      TraceSteps trace,
      PrintWriter console)
      throws IOException, TrainingDivergedException {
    Path directory =
        control.runId() != null
            ? RunName.resolve("--run-id", control.runsDir(), control.runId())
            : RunName.resolve(
                "run folder", control.runsDir(), defaultRunId(control.runsDir(), config));
    try (RunFolderLock lock = RunFolderLock.acquire(directory)) {
      return runLocked(config, control.resume(), data, lock, reporter, served, trace, console);
    }
  }

  /**
   * Trains and records into the folder {@code lock} holds (the caller took it, e.g. to check the
   * trial's state first); otherwise as {@link #run(TrainingConfig, RunControl, TrainingData,
   * ConsoleReporter, MeterRegistry, TraceSteps, PrintWriter)}.
   *
   * <p>When resuming, the checkpoint is verified ({@link CheckpointFile#verify}: checksum, lengths,
   * epochs, config) before any file of the folder is touched, so a resume that fails there leaves
   * the folder as it was.
   *
   * @param resume continue the folder's run if it has one ({@link RunControl#resume})
   */
  static TrainingResult runLocked(
      TrainingConfig config,
      boolean resume,
      TrainingData data,
      RunFolderLock lock,
      ConsoleReporter reporter,
      MeterRegistry served,
      TraceSteps trace,
      PrintWriter console)
      throws IOException, TrainingDivergedException {
    StrategyConfig strategy = config.strategy().toStrategyConfig();
    double learningRate = config.resolvedLearningRate();
    Path directory = lock.folder();
    if (lock.tookOverFrom() != null) {
      reporter.note(
          "took over "
              + directory
              + " from a process that ended without releasing it ("
              + lock.tookOverFrom()
              + ")");
    }
    CheckpointFile checkpoint = new CheckpointFile(directory);
    RunRecorder recorder;
    boolean resuming = resume && RunRecord.exists(directory);
    if (resuming) {
      RunRecord record = RunRecord.read(directory);
      requireSameRun(record, config);
      if (RunRecord.DIVERGED.equals(record.status())) {
        throw new TrainingDivergedException(
            strategy.id(),
            record.result().path("epoch").asInt(),
            record.result().path("step").asInt(),
            learningRate,
            "recorded earlier in " + directory);
      }
      if (record.finished(config.epochs())) {
        return new TrainingResult(strategy.id(), learningRate, record.epochs());
      }
      if (checkpoint.exists()) {
        checkpoint.verify(config);
      }
      recorder = RunRecorder.reopen(directory);
    } else {
      if (Files.isDirectory(checkpoint.path())) {
        throw new IOException(
            "run folder "
                + directory
                + " has a folder at "
                + checkpoint.path()
                + ", where its checkpoint goes; move it away");
      }
      if (checkpoint.exists()) {
        throw new IllegalArgumentException(
            "run folder "
                + directory
                + " already holds a checkpoint; continue it with --resume or"
                + " choose another --run-id");
      }
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("config", config);
      header.put("strategy", strategy);
      header.put("learningRate", learningRate);
      header.put("trainSamples", data.train().size());
      header.put("testSamples", data.test().size());
      header.put("classNames", data.train().classNames());
      header.put("provenance", Provenance.current(data.source()));
      if (trace != null) {
        header.put("engineTrace", trace.toString());
      }
      recorder = new RunRecorder(directory, header);
    }
    EngineTrace engineTrace =
        trace == null
            ? null
            : new EngineTrace(
                trace,
                directory.resolve(
                    "engine-trace-e"
                        + trace.epoch()
                        + "-s"
                        + trace.from()
                        + "-"
                        + trace.to()
                        + ".json"),
                console);
    try (recorder;
        engineTrace;
        TrainingMetrics metrics =
            new TrainingMetrics(
                directory, strategy.id(), config.validationFraction() > 0, served)) {
      List<TrainingObserver> observers = new ArrayList<>(List.of(reporter, recorder, metrics));
      if (engineTrace != null) {
        observers.add(engineTrace);
      }
      TrainingRun run = new TrainingRun(config, data, ModelCatalog.create(config, data), observers);
      try {
        TrainingResult result = run.run(checkpoint);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("finalTestError", result.finalTestError());
        summary.put("minTestError", result.minTestError());
        summary.put("convergenceEpoch", result.convergenceEpoch());
        summary.put("epochs", result.epochs().size());
        int skipped = data.train().skippedUnreadable() + data.test().skippedUnreadable();
        if (skipped > 0) {
          summary.put("skippedUnreadable", skipped);
        }
        recorder.finish(RunRecord.COMPLETED, summary);
        return result;
      } catch (TrainingDivergedException e) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("message", e.getMessage());
        summary.put("epoch", e.epoch());
        summary.put("step", e.step());
        summary.put("checkpointEpoch", e.epoch() - 1);
        recorder.finish(RunRecord.DIVERGED, summary);
        throw e;
      } catch (IOException | RuntimeException e) {
        // A new run's folder says why it stopped instead of lying there without a result; a
        // resumed run's folder is left as the failed attempt found it, to be resumed again.
        if (!resuming) {
          recordFailure(recorder, e);
        }
        throw e;
      }
    }
  }

  private static void recordFailure(RunRecorder recorder, Exception e) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("message", e.getMessage() != null ? e.getMessage() : e.getClass().getName());
    try {
      recorder.finish(RunRecord.FAILED, summary);
    } catch (IOException | RuntimeException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  /**
   * Refuses to continue a run folder with a different config: every field must match, except {@code
   * probes} (what is recorded, not the numbers), and {@code epochs}, which may only grow.
   */
  private static void requireSameRun(RunRecord record, TrainingConfig config) {
    // Read through the defaults, so that a folder written before a field existed compares by
    // that field's default (which reproduces the numbers it was run with).
    TrainingConfigReader reader = new TrainingConfigReader();
    ObjectNode stored =
        reader.toTree(
            reader.readLayers(
                List.of(ConfigLayer.ofRunRecord(record.directory(), record.config())), Map.of()));
    ObjectNode requested = reader.toTree(config);
    int storedEpochs = stored.path("epochs").asInt();
    if (config.epochs() < record.epochs().size()) {
      throw new IllegalArgumentException(
          "run folder "
              + record.directory()
              + " already has "
              + record.epochs().size()
              + " epochs, more than the "
              + config.epochs()
              + " asked for");
    }
    for (ObjectNode node : List.of(stored, requested)) {
      node.remove("epochs");
      node.remove("probes");
    }
    if (!stored.equals(requested)) {
      List<String> differing = new ArrayList<>();
      requested
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (!requested.get(name).equals(stored.get(name))) {
                  differing.add(
                      name
                          + " (folder: "
                          + stored.get(name)
                          + ", asked: "
                          + requested.get(name)
                          + ")");
                }
              });
      throw new IllegalArgumentException(
          "run folder "
              + record.directory()
              + " was started with a different config: "
              + String.join(", ", differing)
              + " (epochs "
              + storedEpochs
              + " may grow)");
    }
  }

  /** Loads the config's dataset. */
  static TrainingData load(TrainingConfig config) throws IOException {
    return DatasetCatalog.load(
            config.dataset(),
            config.dataDir() == null ? null : Path.of(config.dataDir()),
            config.data(),
            config.seed())
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
