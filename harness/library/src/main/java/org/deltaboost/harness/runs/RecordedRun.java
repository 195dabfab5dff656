package org.deltaboost.harness.runs;

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
import org.deltaboost.harness.train.TrainingDevices;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.TrainingObserver;
import org.deltaboost.harness.train.TrainingResult;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.harness.train.checkpoint.CheckpointFile;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.records.RunResult;
import org.deltaboost.strategies.StrategyConfig;

/**
 * One training run recorded in its folder: the run record ({@link RunRecorder}), its metrics
 * ({@link TrainingMetrics}, {@code metrics.prom}) and a checkpoint every epoch, under the folder's
 * {@link RunFolderLock}; a request that resumes continues the folder's run from its checkpoint (or
 * returns the recorded result of a finished one). Progress goes to the request's {@link
 * RunObserver}.
 */
public final class RecordedRun {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RecordedRun() {}

  /**
   * Trains and records as {@code request} says. Without a held lock, the folder is {@code
   * runsDir/runId} (or {@code <strategy>-s<seed>-<time>} without an id) and is locked here.
   *
   * <p>When resuming, the checkpoint is verified ({@link CheckpointFile#verify}: checksum, lengths,
   * epochs, config) before any file of the folder is touched, so a resume that fails there leaves
   * the folder as it was. With {@link RunRequest#trace} the engine's profiler over those steps goes
   * to {@code engine-trace-e<E>-s<FROM>-<TO>.json} in the folder ({@link EngineTrace}) and the
   * header's {@code engineTrace} names the traced steps.
   *
   * @return the result; the record's {@code result.json} says {@code completed}
   * @throws TrainingDivergedException after writing {@code result.json} with {@code diverged}, or
   *     when resuming a run recorded as diverged
   * @throws RunFolderLockedException when another process holds the folder
   */
  public static TrainingResult run(RunRequest request)
      throws IOException, TrainingDivergedException {
    if (request.lock() != null) {
      return runLocked(request, request.lock());
    }
    TrainingConfig config = request.config();
    Path runsDir = request.runsDir();
    String runId = request.runId();
    Path directory =
        runId != null
            ? RunName.resolve("--run-id", runsDir, runId)
            : RunName.resolve("run folder", runsDir, defaultRunId(runsDir, config));
    try (RunFolderLock lock = RunFolderLock.acquire(directory)) {
      return runLocked(request, lock);
    }
  }

  private static TrainingResult runLocked(RunRequest request, RunFolderLock lock)
      throws IOException, TrainingDivergedException {
    TrainingConfig config = request.config();
    TrainingData data = request.data();
    RunObserver reporter = request.observer();
    MeterRegistry served = request.served();
    TraceSteps trace = request.trace();
    PrintWriter console = request.traceConsole();
    StrategyConfig strategy = config.strategy().toStrategyConfig(data.train().numClasses());
    double learningRate = config.resolvedLearningRate();
    Path directory = lock.folder();
    if (lock.tookOverFrom() != null) {
      reporter.onNote(
          "took over "
              + directory
              + " from a process that ended without releasing it ("
              + lock.tookOverFrom()
              + ")");
    }
    CheckpointFile checkpoint = new CheckpointFile(directory);
    RunRecorder recorder;
    boolean resuming = request.resume() && RunRecord.exists(directory);
    if (resuming) {
      RunRecord record = RunRecord.read(directory);
      requireSameRun(record, config);
      if (RunRecord.DIVERGED.equals(record.status())) {
        throw new TrainingDivergedException(
            strategy.id(),
            record.result().epoch(),
            record.result().step(),
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
      header.put("devices", TrainingDevices.names(TrainingDevices.resolve(config.device())));
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
        int skipped = data.train().skippedUnreadable() + data.test().skippedUnreadable();
        recorder.finish(
            RunResult.completed(
                result.finalTestError(),
                result.minTestError(),
                result.convergenceEpoch(),
                result.epochs().size(),
                skipped));
        return result;
      } catch (TrainingDivergedException e) {
        recorder.finish(RunResult.diverged(e.getMessage(), e.epoch(), e.step()));
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
    try {
      recorder.finish(
          RunResult.failed(e.getMessage() != null ? e.getMessage() : e.getClass().getName()));
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

  /** Loads the config's dataset, with its validation hold-out. */
  public static TrainingData load(TrainingConfig config) throws IOException {
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
