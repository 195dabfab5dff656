package org.deltaboost.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deltaboost.harness.metrics.TraceSteps;
import org.deltaboost.harness.runs.RecordedRun;
import org.deltaboost.harness.runs.RunName;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.runs.RunRequest;
import org.deltaboost.harness.train.TrainingDevices;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code deltaboost train}: one network, one strategy, one seed; prints a line per epoch. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train one network with one output strategy and write runs/<id>/.",
      "Every config flag has a config-file field of the same meaning (--config);",
      "flags win over the file, --set over the flags. --runs-dir, --run-id, --resume,",
      "--progress, --metrics-port and --trace-steps are run control, not config."
    })
final class TrainCommand implements Callable<Integer> {

  @Mixin RunFolderOptions common;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--strategy",
      description =
          "softmax-ce, linear, sigmoid, tanh, exp-gb (default), pow3-gb, mirrored-exp, rescaled-square, squentropy, label-smoothing-ce (strategy.id; its parameters start from the strategy's defaults).")
  String strategy;

  @Option(names = "--run-id", description = "Run folder name (default <strategy>-s<seed>-<time>).")
  String runId;

  @Option(
      names = "--resume",
      description =
          "Continue runs/<run-id>/ from its last checkpoint (its config.json gives the config; flags may only raise --epochs).")
  boolean resume;

  @Option(
      names = "--trace-steps",
      paramLabel = "E:FROM-TO",
      description =
          "Record libtorch's profiler over steps FROM..TO of epoch E (1-based, at most 100 steps) into runs/<id>/engine-trace-e<E>-s<FROM>-<TO>.json (Chrome trace) and print per step the time in engine operators and between them (the JVM's share).")
  String traceSteps;

  @Option(
      names = "--devices",
      split = ",",
      paramLabel = "ID",
      description =
          "Train on these GPUs, by CUDA id (e.g. 0,1; device gpu:0,1): each batch is cut into one slice per GPU, --batch-size samples in all per step.")
  List<Integer> devices;

  @Mixin MetricsPortOption metricsPort;

  @Override
  public Integer call() throws Exception {
    TrainingConfig resolved = resolveConfig();
    TraceSteps trace = null;
    if (traceSteps != null) {
      try {
        trace = TraceSteps.parse(traceSteps);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), e.getMessage().replaceFirst("^trace steps", "--trace-steps"));
      }
      if (trace.epoch() > resolved.epochs()) {
        throw new ParameterException(
            spec.commandLine(),
            "--trace-steps: epoch "
                + trace.epoch()
                + " is past the run's last, "
                + resolved.epochs());
      }
    }
    TrainingData data = RecordedRun.load(resolved);
    if (trace != null) {
      long samples =
          resolved.trainLimit() > 0
              ? Math.min(resolved.trainLimit(), data.train().size())
              : data.train().size();
      long steps = (samples + resolved.batchSize() - 1) / resolved.batchSize();
      if (trace.to() > steps) {
        throw new ParameterException(
            spec.commandLine(),
            "--trace-steps " + trace + ": an epoch of this run has only " + steps + " steps");
      }
    }
    spec.commandLine()
        .getOut()
        .printf(
            "train %s on %s (%d train / %d evaluated, %s)%n",
            resolved.model(),
            resolved.dataset(),
            data.train().size(),
            data.test().size(),
            data.source());
    ConsoleReporter reporter =
        new ConsoleReporter(
            spec.commandLine().getOut(),
            System.err,
            common.progress.enabled(),
            "[" + resolved.strategy().id() + "]");
    try (MetricsPortOption.Server metrics = metricsPort.start(spec, spec.commandLine().getOut())) {
      RecordedRun.run(
          RunRequest.of(resolved, data, common.runsDir, runId, reporter)
              .servedBy(metrics.registry())
              .traced(trace, spec.commandLine().getOut())
              .resuming(resume));
      return 0;
    } catch (TrainingDivergedException e) {
      spec.commandLine().getErr().println("deltaboost: " + e.getMessage());
      return DeltaboostCommand.EXIT_DIVERGED;
    }
  }

  TrainingConfig resolveConfig() throws java.io.IOException {
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (strategy != null) {
      // A new strategy starts from its own defaults, not the file's parameters for another one.
      overrides.put("strategy", Map.of("id", strategy));
    }
    try {
      overrides.putAll(configOptions.overrides(spec.commandLine()));
      if (devices != null) {
        Object device = overrides.get("device");
        if (device != null && !device.equals("gpu")) {
          throw new IllegalArgumentException(
              "--devices picks GPUs; it cannot go with --device " + device);
        }
        overrides.put("device", TrainingDevices.gpus(devices));
      }
      List<ConfigLayer> layers = new ArrayList<>();
      if (runId != null) {
        RunName.resolve("--run-id", common.runsDir, runId);
      }
      if (resume) {
        if (runId == null) {
          throw new IllegalArgumentException("--resume needs --run-id: the run folder to continue");
        }
        Path folder = RunName.resolve("--run-id", common.runsDir, runId);
        if (!RunRecord.exists(folder)) {
          throw new IllegalArgumentException(
              "--resume: " + folder + " holds no run record (config.json)");
        }
        layers.add(ConfigLayer.ofRunRecord(folder, RunRecord.read(folder).config()));
      }
      layers.addAll(configOptions.layers());
      TrainingConfig resolved = new TrainingConfigReader().readLayers(layers, overrides).validate();
      // Refuses gpu without one now, before any data is loaded; training resolves it again.
      TrainingDevices.resolve(resolved.device());
      return resolved;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
