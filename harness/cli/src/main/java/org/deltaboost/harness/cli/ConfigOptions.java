package org.deltaboost.harness.cli;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where {@code train}, {@code compare} and {@code tune} take a run's {@link TrainingConfig} from
 * beyond their defaults (a shipped experiment, for the last two): {@code --config FILE}, the config
 * flags, and {@code --set FIELD=VALUE}, in that order of precedence from lowest to highest.
 *
 * <p>The config flags are aliases of {@code --set}: each is declared once, in {@link Flags}, with
 * the dotted {@link TrainingConfig} field it sets ({@link Sets}), and {@link #overrides} turns
 * every flag given into that field's override, so the three commands accept the same flags the same
 * way. {@code TrainingConfig} defines the fields; {@code ConfigOptionsTest} checks every alias
 * names one. The commands' own subject options ({@code train --strategy}, {@code compare
 * --strategies}, {@code tune --strategy}) are not aliases: they choose what is run, as {@code
 * strategy.id} would.
 */
final class ConfigOptions {

  /** The dotted {@link TrainingConfig} field a config flag sets. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  @interface Sets {
    /** The field, dotted for nested ones, e.g. {@code schedule.gamma}. */
    String value();
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "JSON with TrainingConfig fields (for compare and tune: applied to every run).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "FIELD=VALUE",
      description =
          "Override any TrainingConfig field, dotted for nested ones, e.g. --set batchSize=64 --set data.cropSize=227 (repeatable; wins over the other flags).")
  List<String> sets;

  @ArgGroup(
      exclusive = false,
      validate = false,
      heading =
          "Config fields (aliases of --set FIELD=VALUE; compare and tune: over the experiment's):%n")
  Flags flags = new Flags();

  /** The config flags, each an alias of {@code --set} for the field it names. */
  static final class Flags {

    @Sets("dataset")
    @Option(
        names = "--dataset",
        description =
            "fashion-mnist (default), mnist, fashion-mnist-embedded, cifar-10, cifar-100, imagenet, voc2012, voc2012-aug (dataset).")
    String dataset;

    @Sets("dataDir")
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Look for the dataset here first (dataDir).")
    Path dataDir;

    @Sets("model")
    @Option(
        names = "--model",
        description =
            "Network: mlp (default), cnn5, allconv10, alexnet-bn, pixelnet (segmentation) (model).")
    String model;

    @Sets("strategy.alpha")
    @Option(
        names = "--alpha",
        description = "Strategy alpha (exp-gb, pow3-gb, mirrored-exp) (strategy.alpha).")
    Double alpha;

    @Sets("strategy.beta")
    @Option(names = "--beta", description = "Strategy beta (strategy.beta).")
    Double beta;

    /** Sets two fields, {@code strategy.negativeTarget} and {@code strategy.positiveTarget}. */
    @Option(
        names = "--targets",
        paramLabel = "NEG,POS",
        description =
            "Target values for negative and positive classes, e.g. 0,10 (strategy.negativeTarget, strategy.positiveTarget).")
    String targets;

    @Sets("strategy.trueClassWeight")
    @Option(
        names = "--true-class-weight",
        paramLabel = "K",
        description =
            "Weight k of the labelled class's squared error (rescaled-square; default: by class count) (strategy.trueClassWeight).")
    Double trueClassWeight;

    @Sets("strategy.smoothing")
    @Option(
        names = "--smoothing",
        paramLabel = "EPS",
        description =
            "Label smoothing epsilon in [0, 1) (label-smoothing-ce; default 0.1) (strategy.smoothing).")
    Double smoothing;

    @Sets("epochs")
    @Option(names = "--epochs", description = "Epochs (default 5) (epochs).")
    Integer epochs;

    @Sets("learningRate")
    @Option(
        names = "--lr",
        description = "Learning rate (default: the strategy's shipped default) (learningRate).")
    Double learningRate;

    @Sets("momentum")
    @Option(names = "--momentum", description = "SGD momentum (default 0; sgd only) (momentum).")
    Double momentum;

    @Sets("optimizer")
    @Option(
        names = "--optimizer",
        description = "sgd (default) or adam, both with PyTorch's semantics (optimizer).")
    String optimizer;

    @Sets("weightDecay")
    @Option(
        names = "--weight-decay",
        description =
            "L2 weight decay: g + decay*w before the update, sgd and adam (default 0) (weightDecay).")
    Double weightDecay;

    @Sets("adam.beta1")
    @Option(
        names = "--adam-beta1",
        description = "Adam's first-moment decay (default 0.9) (adam.beta1).")
    Double adamBeta1;

    @Sets("adam.beta2")
    @Option(
        names = "--adam-beta2",
        description = "Adam's second-moment decay (default 0.999) (adam.beta2).")
    Double adamBeta2;

    @Sets("adam.epsilon")
    @Option(names = "--adam-epsilon", description = "Adam's epsilon (default 1e-8) (adam.epsilon).")
    Double adamEpsilon;

    @Sets("schedule.type")
    @Option(
        names = "--schedule",
        description = "Learning-rate schedule: constant (default), step, cosine (schedule.type).")
    String schedule;

    @Sets("schedule.stepEpochs")
    @Option(
        names = "--schedule-step-epochs",
        paramLabel = "N",
        description =
            "step: multiply the rate by gamma every N epochs (default 10) (schedule.stepEpochs).")
    Integer scheduleStepEpochs;

    @Sets("schedule.gamma")
    @Option(
        names = "--schedule-gamma",
        description = "step: the factor (default 0.1) (schedule.gamma).")
    Double scheduleGamma;

    @Sets("schedule.minLearningRate")
    @Option(
        names = "--schedule-min-lr",
        description =
            "cosine: the rate at the end of the run (default 0) (schedule.minLearningRate).")
    Double scheduleMinLearningRate;

    @Sets("schedule.warmupEpochs")
    @Option(
        names = "--warmup-epochs",
        description =
            "Linear warm-up over this many epochs, fractions allowed (default 0) (schedule.warmupEpochs).")
    Double warmupEpochs;

    @Sets("batchSize")
    @Option(names = "--batch-size", description = "Batch size (default 128) (batchSize).")
    Integer batchSize;

    @Sets("seed")
    @Option(
        names = "--seed",
        description =
            "Seed for initialization and shuffling (default 1; compare and tune: of the first trial) (seed).")
    Long seed;

    @Sets("trainLimit")
    @Option(
        names = "--train-limit",
        description = "Train on the first N samples only (0 = all) (trainLimit).")
    Integer trainLimit;

    @Sets("validationFraction")
    @Option(
        names = "--validation-fraction",
        description =
            "Hold out this fraction of train and measure on it instead of test (default 0; tune: 0.1, and more than 0) (validationFraction).")
    Double validationFraction;

    @Sets("probes.deltaHistogramEpochs")
    @Option(
        names = "--probe-delta-histogram-epochs",
        split = ",",
        paramLabel = "E[,E...]",
        description =
            "Histogram the output deltas of the first batch of these epochs (the paper's Fig 2: 1,4) (probes.deltaHistogramEpochs).")
    List<Integer> probeDeltaHistogramEpochs;

    @Sets("probes.deltaHistogramBins")
    @Option(
        names = "--probe-delta-histogram-bins",
        paramLabel = "N",
        description = "Bins of each delta histogram (default 50) (probes.deltaHistogramBins).")
    Integer probeDeltaHistogramBins;

    @Sets("probes.gradientRms")
    @Option(
        names = "--probe-gradient-rms",
        description =
            "Record every parameter's gradient RMS per epoch (Fig 3) (probes.gradientRms).")
    Boolean probeGradientRms;

    @Sets("probes.softmaxNormalization")
    @Option(
        names = "--probe-softmax-normalization",
        description =
            "Record the softmax normalization term sum(e^z), mean and max per epoch (Fig 5) (probes.softmaxNormalization).")
    Boolean probeSoftmaxNormalization;

    @Sets("device")
    @Option(
        names = "--device",
        description =
            "cpu, gpu, gpu:0,1 (those GPUs) or auto (default auto: the GPUs DJL sees, else the CPU) (device).")
    String device;

    @Sets("widthDivisor")
    @Option(
        names = "--width-divisor",
        paramLabel = "N",
        description =
            "Divide every hidden width of alexnet-bn and pixelnet by N, rounded up to a multiple of 16 channels (default 1: the paper's network) (widthDivisor).")
    Integer widthDivisor;

    @Sets("pretrained")
    @Option(
        names = "--pretrained",
        paramLabel = "FILE",
        description =
            "pixelnet: safetensors file with torchvision vgg16 weights for the trunk (pretrained).")
    Path pretrained;

    @Sets("data.augment")
    @Option(
        names = "--augment",
        negatable = true,
        description =
            "Training augmentation where the dataset has a recipe (CIFAR, ImageNet, VOC; default on) (data.augment).")
    Boolean augment;
  }

  /** The {@code --config} file as a layer, or none. */
  List<ConfigLayer> layers() throws IOException {
    return config == null ? List.of() : List.of(ConfigLayer.of(config));
  }

  /**
   * The overrides the command line asks for: every config flag given, as its field, then every
   * {@code --set} (winning over a flag for the same field).
   *
   * @param commandLine the command, for usage errors
   * @return dotted field name to value, in the order above
   * @throws ParameterException for a malformed {@code --targets} or {@code --set}, naming it
   */
  Map<String, Object> overrides(CommandLine commandLine) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    Flags given = flags == null ? new Flags() : flags;
    for (Field field : Flags.class.getDeclaredFields()) {
      Sets alias = field.getAnnotation(Sets.class);
      Object value = valueOf(field, given);
      if (alias != null && value != null) {
        overrides.put(alias.value(), value instanceof Path path ? path.toString() : value);
      }
    }
    if (given.targets != null) {
      double[] pair = parseTargets(given.targets, commandLine);
      overrides.put("strategy.negativeTarget", pair[0]);
      overrides.put("strategy.positiveTarget", pair[1]);
    }
    overrides.putAll(FieldOverrides.parse(sets, commandLine));
    return overrides;
  }

  private static Object valueOf(Field field, Flags flags) {
    try {
      return field.get(flags);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("config flag " + field.getName() + " is not readable", e);
    }
  }

  private static double[] parseTargets(String text, CommandLine commandLine) {
    String[] parts = text.split(",");
    if (parts.length != 2) {
      throw new ParameterException(
          commandLine, "--targets must be NEG,POS (two numbers), got '" + text + "'");
    }
    try {
      return new double[] {
        Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())
      };
    } catch (NumberFormatException e) {
      throw new ParameterException(
          commandLine, "--targets must be NEG,POS (two numbers), got '" + text + "'", e);
    }
  }
}
