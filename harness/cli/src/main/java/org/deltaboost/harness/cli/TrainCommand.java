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
      "Every flag has a config-file field of the same meaning (--config); flags win."
    })
final class TrainCommand implements Callable<Integer> {

  @Mixin RunFolderOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      description =
          "fashion-mnist (default), mnist, fashion-mnist-embedded, cifar-10, cifar-100, imagenet, voc2012, voc2012-aug.")
  String dataset;

  @Option(
      names = "--model",
      description = "Network: mlp (default), cnn5, allconv10, alexnet-bn, pixelnet (segmentation).")
  String model;

  @Option(
      names = "--strategy",
      description = "softmax-ce, linear, sigmoid, tanh, exp-gb (default), pow3-gb, mirrored-exp.")
  String strategy;

  @Option(names = "--alpha", description = "Strategy alpha (exp-gb, pow3-gb, mirrored-exp).")
  Double alpha;

  @Option(names = "--beta", description = "Strategy beta.")
  Double beta;

  @Option(
      names = "--targets",
      paramLabel = "NEG,POS",
      description = "Target values for negative and positive classes, e.g. 0,10.")
  String targets;

  @Option(names = "--epochs", description = "Epochs (default 5).")
  Integer epochs;

  @Option(names = "--lr", description = "Learning rate (default: the strategy's shipped default).")
  Double learningRate;

  @Option(names = "--momentum", description = "SGD momentum (default 0; sgd only).")
  Double momentum;

  @Option(
      names = "--optimizer",
      description = "sgd (default) or adam, both with PyTorch's semantics.")
  String optimizer;

  @Option(
      names = "--weight-decay",
      description = "L2 weight decay: g + decay*w before the update, sgd and adam (default 0).")
  Double weightDecay;

  @Option(
      names = "--adam-beta1",
      description = "Adam's first-moment decay (adam.beta1, default 0.9).")
  Double adamBeta1;

  @Option(
      names = "--adam-beta2",
      description = "Adam's second-moment decay (adam.beta2, default 0.999).")
  Double adamBeta2;

  @Option(names = "--adam-epsilon", description = "Adam's epsilon (adam.epsilon, default 1e-8).")
  Double adamEpsilon;

  @Option(
      names = "--schedule",
      description = "Learning-rate schedule: constant (default), step, cosine (schedule.type).")
  String schedule;

  @Option(
      names = "--schedule-step-epochs",
      paramLabel = "N",
      description =
          "step: multiply the rate by gamma every N epochs (schedule.stepEpochs, default 10).")
  Integer scheduleStepEpochs;

  @Option(
      names = "--schedule-gamma",
      description = "step: the factor (schedule.gamma, default 0.1).")
  Double scheduleGamma;

  @Option(
      names = "--schedule-min-lr",
      description = "cosine: the rate at the end of the run (schedule.minLearningRate, default 0).")
  Double scheduleMinLearningRate;

  @Option(
      names = "--warmup-epochs",
      description =
          "Linear warm-up over this many epochs, fractions allowed (schedule.warmupEpochs, default 0).")
  Double warmupEpochs;

  @Option(names = "--batch-size", description = "Batch size (default 128).")
  Integer batchSize;

  @Option(names = "--seed", description = "Seed for initialization and shuffling (default 1).")
  Long seed;

  @Option(names = "--train-limit", description = "Train on the first N samples only (0 = all).")
  Integer trainLimit;

  @Option(
      names = "--validation-fraction",
      description = "Hold out this fraction of train and measure on it instead of test (tuning).")
  Double validationFraction;

  @Option(
      names = "--probe-delta-histogram-epochs",
      split = ",",
      paramLabel = "E[,E...]",
      description =
          "Histogram the output deltas of the first batch of these epochs (probes.deltaHistogramEpochs; the paper's Fig 2: 1,4).")
  List<Integer> probeDeltaHistogramEpochs;

  @Option(
      names = "--probe-delta-histogram-bins",
      paramLabel = "N",
      description = "Bins of each delta histogram (probes.deltaHistogramBins, default 50).")
  Integer probeDeltaHistogramBins;

  @Option(
      names = "--probe-gradient-rms",
      description = "Record every parameter's gradient RMS per epoch (probes.gradientRms; Fig 3).")
  Boolean probeGradientRms;

  @Option(
      names = "--probe-softmax-normalization",
      description =
          "Record the softmax normalization term sum(e^z), mean and max per epoch (probes.softmaxNormalization; Fig 5).")
  Boolean probeSoftmaxNormalization;

  @Option(
      names = "--device",
      description = "cpu, gpu or auto (default auto: the GPUs DJL sees, else the CPU).")
  String device;

  @Option(
      names = "--width-divisor",
      paramLabel = "N",
      description =
          "Divide every hidden width of alexnet-bn and pixelnet by N, rounded up to a multiple of 16 channels (default 1: the paper's network).")
  Integer widthDivisor;

  @Option(
      names = "--pretrained",
      paramLabel = "FILE",
      description = "pixelnet: safetensors file with torchvision vgg16 weights for the trunk.")
  Path pretrained;

  @Option(
      names = "--augment",
      negatable = true,
      description =
          "Training augmentation where the dataset has a recipe (CIFAR, ImageNet, VOC; default on).")
  Boolean augment;

  @Option(names = "--run-id", description = "Run folder name (default <strategy>-s<seed>-<time>).")
  String runId;

  @Option(
      names = "--resume",
      description =
          "Continue runs/<run-id>/ from its last checkpoint (its config.json gives the config; flags may only raise --epochs).")
  Boolean resume;

  @Option(
      names = "--trace-steps",
      paramLabel = "E:FROM-TO",
      description =
          "Record libtorch's profiler over steps FROM..TO of epoch E (1-based, at most 100 steps) into runs/<id>/engine-trace-e<E>-s<FROM>-<TO>.json (Chrome trace) and print per step the time in engine operators and between them (the JVM's share).")
  String traceSteps;

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
              .traced(trace, spec.commandLine().getOut()));
      return 0;
    } catch (TrainingDivergedException e) {
      spec.commandLine().getErr().println("deltaboost: " + e.getMessage());
      return DeltaboostCommand.EXIT_DIVERGED;
    }
  }

  TrainingConfig resolveConfig() throws java.io.IOException {
    Map<String, Object> overrides = new LinkedHashMap<>();
    putIfGiven(overrides, "dataset", dataset);
    putIfGiven(overrides, "dataDir", common.dataDir == null ? null : common.dataDir.toString());
    putIfGiven(overrides, "model", model);
    if (strategy != null) {
      // A new strategy starts from its own defaults, not the file's parameters for another one.
      overrides.put("strategy", Map.of("id", strategy));
    }
    putIfGiven(overrides, "strategy.alpha", alpha);
    putIfGiven(overrides, "strategy.beta", beta);
    if (targets != null) {
      double[] pair = parseTargets(targets);
      overrides.put("strategy.negativeTarget", pair[0]);
      overrides.put("strategy.positiveTarget", pair[1]);
    }
    putIfGiven(overrides, "epochs", epochs);
    putIfGiven(overrides, "learningRate", learningRate);
    putIfGiven(overrides, "momentum", momentum);
    putIfGiven(overrides, "optimizer", optimizer);
    putIfGiven(overrides, "weightDecay", weightDecay);
    putIfGiven(overrides, "adam.beta1", adamBeta1);
    putIfGiven(overrides, "adam.beta2", adamBeta2);
    putIfGiven(overrides, "adam.epsilon", adamEpsilon);
    putIfGiven(overrides, "schedule.type", schedule);
    putIfGiven(overrides, "schedule.stepEpochs", scheduleStepEpochs);
    putIfGiven(overrides, "schedule.gamma", scheduleGamma);
    putIfGiven(overrides, "schedule.minLearningRate", scheduleMinLearningRate);
    putIfGiven(overrides, "schedule.warmupEpochs", warmupEpochs);
    putIfGiven(overrides, "batchSize", batchSize);
    putIfGiven(overrides, "seed", seed);
    putIfGiven(overrides, "trainLimit", trainLimit);
    putIfGiven(overrides, "validationFraction", validationFraction);
    putIfGiven(overrides, "resume", resume);
    putIfGiven(overrides, "probes.deltaHistogramEpochs", probeDeltaHistogramEpochs);
    putIfGiven(overrides, "probes.deltaHistogramBins", probeDeltaHistogramBins);
    putIfGiven(overrides, "probes.gradientRms", probeGradientRms);
    putIfGiven(overrides, "probes.softmaxNormalization", probeSoftmaxNormalization);
    putIfGiven(overrides, "device", device);
    putIfGiven(overrides, "widthDivisor", widthDivisor);
    putIfGiven(overrides, "pretrained", pretrained == null ? null : pretrained.toString());
    putIfGiven(overrides, "data.augment", augment);
    try {
      overrides.putAll(FieldOverrides.parse(common.sets, spec.commandLine()));
      List<ConfigLayer> layers = new ArrayList<>();
      if (runId != null) {
        RunName.resolve("--run-id", common.runsDir, runId);
      }
      if (Boolean.TRUE.equals(resume)) {
        if (runId == null) {
          throw new IllegalArgumentException("--resume needs --run-id: the run folder to continue");
        }
        Path folder = RunName.resolve("--run-id", common.runsDir, runId);
        if (!RunRecord.exists(folder)) {
          throw new IllegalArgumentException(
              "--resume: " + folder + " holds no run record (config.json)");
        }
        layers.add(ConfigLayer.of("run record " + folder, RunRecord.read(folder).config()));
      }
      if (common.config != null) {
        layers.add(ConfigLayer.of(common.config));
      }
      TrainingConfig resolved = new TrainingConfigReader().readLayers(layers, overrides);
      resolved.strategy().toStrategyConfig();
      resolved.resolvedLearningRate();
      TrainingDevices.resolve(resolved.device());
      return resolved;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private double[] parseTargets(String text) {
    String[] parts = text.split(",");
    if (parts.length != 2) {
      throw new ParameterException(
          spec.commandLine(), "--targets must be NEG,POS (two numbers), got '" + text + "'");
    }
    try {
      return new double[] {
        Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())
      };
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), "--targets must be NEG,POS (two numbers), got '" + text + "'", e);
    }
  }

  private static void putIfGiven(Map<String, Object> overrides, String key, Object value) {
    if (value != null) {
      overrides.put(key, value);
    }
  }
}
