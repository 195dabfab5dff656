package org.deltaboost.harness.train.config;

import java.util.List;
import java.util.regex.Pattern;
import org.deltaboost.harness.train.optim.Adam;
import org.deltaboost.harness.train.optim.MomentumSgd;

/**
 * Everything that determines a training run's numbers. Read from JSON (any field may be left out:
 * the defaults below apply) and overridden on the command line.
 *
 * <p>This record is the one place that defines the config fields: config files, experiments, {@code
 * --set FIELD=VALUE} and the {@code config.json} of a run folder name them as its components,
 * dotted for nested ones; the command-line flags ({@code --lr}, {@code --epochs}, …) are aliases,
 * each naming the field it sets, declared once for {@code train}, {@code compare} and {@code tune}
 * in the CLI's {@code ConfigOptions}. How a run is carried out (resume, progress, the metrics port,
 * the runs folder) is run control, not a field: it changes no number.
 *
 * @param dataset dataset name: {@code fashion-mnist}, {@code mnist} or {@code
 *     fashion-mnist-embedded}
 * @param dataDir where to look for the dataset first; {@code null} searches the default places
 * @param model network name: {@code mlp}
 * @param strategy the output strategy and its parameters
 * @param epochs number of passes over the training set
 * @param learningRate fixed SGD learning rate; {@code null} takes the strategy's default
 * @param momentum SGD momentum, 0 (the paper's plain SGD) by default; {@code sgd} only
 * @param optimizer {@code sgd} (default; {@link MomentumSgd}) or {@code adam} ({@link Adam}), both
 *     with PyTorch's semantics
 * @param weightDecay L2 weight decay λ, added to the gradient as {@code g + λ·w} before the update
 *     (PyTorch's {@code weight_decay} for SGD and Adam); 0 (none) by default
 * @param adam Adam's β1, β2, ε ({@link AdamSettings}); PyTorch's defaults when left out
 * @param schedule the learning-rate schedule ({@link ScheduleSettings}); constant by default
 * @param batchSize samples per step
 * @param seed seeds weight initialization and shuffling: same seed, same numbers on CPU
 * @param trainLimit use only the first {@code trainLimit} training samples; 0 uses all
 * @param validationFraction when above 0, this fraction of the training set is held out (same split
 *     for every seed) and the error is measured on it instead of the test set, for tuning without
 *     looking at the test set
 * @param probes which of the paper's analyses to record per epoch; {@code null} or left out: none
 * @param data how images are prepared: augmentation, crop sizes, sampled pixels, decoding threads
 * @param device {@code cpu}, {@code gpu} (every GPU DJL sees; several split each batch), {@code
 *     gpu:0,1} (those GPUs) or {@code auto} (GPUs when DJL sees one, else the CPU; the default);
 *     {@code org.deltaboost.harness.train.TrainingDevices} resolves it to DJL devices
 * @param widthDivisor divides every hidden width of {@code alexnet-bn} and {@code pixelnet},
 *     rounded up to a multiple of 16 channels (1 = the paper's network; larger for CPU-sized
 *     copies)
 * @param pretrained {@code pixelnet}: a safetensors file with torchvision {@code vgg16} weights for
 *     the trunk ({@code null}: random initialization)
 */
public record TrainingConfig(
    String dataset,
    String dataDir,
    String model,
    StrategySettings strategy,
    int epochs,
    Double learningRate,
    double momentum,
    String optimizer,
    double weightDecay,
    AdamSettings adam,
    ScheduleSettings schedule,
    int batchSize,
    long seed,
    int trainLimit,
    double validationFraction,
    ProbeSettings probes,
    DataSettings data,
    String device,
    int widthDivisor,
    String pretrained) {

  /** The devices a config may name, besides a list of GPUs ({@link #GPU_LIST}). */
  public static final List<String> DEVICES = List.of("cpu", "gpu", "auto");

  /** {@code gpu:} followed by GPU ids (at most 4 digits) separated by commas: those GPUs. */
  public static final Pattern GPU_LIST = Pattern.compile("gpu:\\d{1,4}(,\\d{1,4})*");

  /** The optimizers this build knows. */
  public static final List<String> OPTIMIZERS = List.of("sgd", "adam");

  /** The defaults: exp-GB on Fashion-MNIST with the paper's MLP, 5 epochs, batch 128, seed 1. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        "fashion-mnist",
        null,
        "mlp",
        StrategySettings.of("exp-gb"),
        5,
        null,
        0.0,
        "sgd",
        0.0,
        AdamSettings.defaults(),
        ScheduleSettings.constant(),
        128,
        1L,
        0,
        0.0,
        ProbeSettings.off(),
        DataSettings.defaults(),
        "auto",
        1,
        null);
  }

  /** Returns whether {@code device} is a name a config may hold (it does not ask the engine). */
  public static boolean isDevice(String device) {
    return DEVICES.contains(device) || GPU_LIST.matcher(device).matches();
  }

  /** Returns this config with {@code probes} set. */
  public TrainingConfig withProbes(ProbeSettings value) {
    return new TrainingConfig(
        dataset,
        dataDir,
        model,
        strategy,
        epochs,
        learningRate,
        momentum,
        optimizer,
        weightDecay,
        adam,
        schedule,
        batchSize,
        seed,
        trainLimit,
        validationFraction,
        value,
        data,
        device,
        widthDivisor,
        pretrained);
  }

  /** Checks every field, naming the field, the value and what is allowed. */
  public TrainingConfig {
    if (probes == null) {
      probes = ProbeSettings.off();
    }
    if (data == null) {
      data = DataSettings.defaults();
    }
    if (device == null) {
      device = "auto";
    }
    if (!isDevice(device)) {
      throw new IllegalArgumentException(
          "device must be one of " + DEVICES + " or gpu:ID,ID…, got '" + device + "'");
    }
    if (widthDivisor == 0) {
      widthDivisor = 1; // records written before the field existed
    }
    if (widthDivisor < 1) {
      throw new IllegalArgumentException("widthDivisor must be >= 1, got " + widthDivisor);
    }
    if (pretrained != null && pretrained.isBlank()) {
      pretrained = null;
    }
    requirePresent("dataset", dataset);
    requirePresent("model", model);
    if (strategy == null) {
      throw new IllegalArgumentException("strategy is missing");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException(
          "learningRate must be a finite number > 0, got " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (optimizer == null) {
      optimizer = "sgd";
    }
    if (!OPTIMIZERS.contains(optimizer)) {
      throw new IllegalArgumentException(
          "optimizer must be one of "
              + String.join(", ", OPTIMIZERS)
              + ", got '"
              + optimizer
              + "'");
    }
    if (optimizer.equals("adam") && momentum != 0) {
      throw new IllegalArgumentException(
          "momentum applies to optimizer sgd only, got "
              + momentum
              + " with adam (its moment decays are adam.beta1 and adam.beta2)");
    }
    if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
      throw new IllegalArgumentException(
          "weightDecay must be a finite number >= 0, got " + weightDecay);
    }
    if (adam == null) {
      adam = AdamSettings.defaults();
    }
    if (schedule == null) {
      schedule = ScheduleSettings.constant();
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (trainLimit < 0) {
      throw new IllegalArgumentException("trainLimit must be >= 0 (0 = all), got " + trainLimit);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validationFraction must be in [0, 1), got " + validationFraction);
    }
  }

  /**
   * Checks what the field-by-field checks above leave out, because a layer of a config may name
   * parameters for a strategy that a later layer sets: the strategy's parameters must fit it
   * ({@link StrategySettings#toStrategyConfig}) and, without a {@code learningRate}, the strategy
   * must have a shipped default ({@link LearningRateDefaults}).
   *
   * @return this config
   * @throws IllegalArgumentException naming the field and the value
   */
  public TrainingConfig validate() {
    strategy.validate();
    if (learningRate == null) {
      LearningRateDefaults.shipped().requireDefault(strategy.id());
    }
    return this;
  }

  /**
   * Returns the learning rate the run trains with: {@code learningRate}, or the strategy's shipped
   * default when none is set. The one place it is resolved; callers pass the result on.
   */
  public double resolvedLearningRate() {
    return learningRate != null
        ? learningRate
        : LearningRateDefaults.shipped().forStrategy(strategy.id());
  }

  private static void requirePresent(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
  }
}
