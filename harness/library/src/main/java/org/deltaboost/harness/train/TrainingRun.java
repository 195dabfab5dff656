package org.deltaboost.harness.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deltaboost.architectures.Vgg16Trunk;
import org.deltaboost.evaluation.SegmentationConfusionMatrix;
import org.deltaboost.evaluation.TopKError;
import org.deltaboost.harness.train.checkpoint.CheckpointFile;
import org.deltaboost.harness.train.config.DataSettings;
import org.deltaboost.harness.train.config.ProbeSettings;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.optim.TrainingOptimizer;
import org.deltaboost.harness.train.probes.ProbeCollector;
import org.deltaboost.harness.train.samples.ClassBatch;
import org.deltaboost.harness.train.samples.PixelSampler;
import org.deltaboost.harness.train.samples.SampleSet;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.records.EpochProbes;
import org.deltaboost.records.EpochResult;
import org.deltaboost.strategies.OutputStrategy;
import org.deltaboost.strategies.ScalarScope;
import org.deltaboost.strategies.Strategies;
import org.deltaboost.strategies.StrategyLoss;

/**
 * Trains one network with one output strategy by mini-batch SGD (the paper's plain SGD by default;
 * momentum, Adam, weight decay and learning-rate schedules from the config, {@link
 * TrainingOptimizer}) and measures the test error after every epoch, optionally checkpointing every
 * epoch ({@link CheckpointFile}) and resuming from the checkpoint.
 *
 * <p>Randomness: the weights are initialized with the engine seeded by {@code seed}; epoch {@code
 * e} draws from {@code SplittableRandom(seed·0x9E3779B97F4A7C15 + e)}: first the engine seed for
 * the epoch, then a Fisher–Yates shuffle of the identity order. So the numbers depend only on the
 * config, and a run resumed after epoch {@code k} repeats an uninterrupted run exactly. Neither
 * draw involves the strategy: two runs that differ only in their strategy start from the same
 * weights and see the same batches in the same order (a grid's paired comparison relies on it).
 *
 * <p>Data ({@link TrainingData}): in-memory or decoded {@link SampleSet}s. Classification trains on
 * {@code (images, labels)}; segmentation (masks as labels, PixelNet) feeds the network {@code
 * (images, pixels)} with {@link PixelSampler}'s positions, drawn from the epoch's generator after
 * the shuffle, and trains on their labels. Evaluation measures the top-1 error (and top-5 where the
 * data asks for it), or for segmentation the pixel error, per-class IoU and mIoU of the dense
 * prediction.
 *
 * <p>Devices ({@link TrainingDevices}): with several, each batch is cut into one slice per device,
 * every slice's loss weighted by its share of the batch, so the summed gradient is the whole
 * batch's; probes watch the first slice.
 *
 * <p>Each step back-propagates the strategy's delta from the linear output; the loss value and
 * gradient come from the strategy's DJL loss ({@link StrategyLoss#trainingTerms}: the loss's value
 * and gradient with fewer engine operations), its constants kept for the run ({@link ScalarScope}).
 * Every batch lives in its own NDManager, closed after the step, so native memory stays flat. A
 * non-finite loss stops the run before the optimizer applies the step, leaving the parameters at
 * their last good values.
 *
 * <p>Probes ({@link ProbeSettings}) measure each step after its backward pass and before the update
 * ({@link ProbeCollector}); they draw no randomness, so they leave the numbers unchanged, and with
 * every probe off the step does no probe work.
 */
public final class TrainingRun {

  /**
   * The smallest evaluation batch for small images: fewer engine calls per test set than a small
   * training batch would make.
   */
  private static final int MIN_EVAL_BATCH = 128;

  private final TrainingConfig config;
  private final TrainingData data;
  private final Block block;
  private final OutputStrategy strategy;
  private final StrategyLoss loss;
  private final double learningRate;
  private final List<TrainingObserver> observers;
  private final ProbeCollector probes;
  private long lastDataNanos; // time the last trainStep spent building its batch
  private ParameterList parameters; // the block's parameters, collected when training starts

  /**
   * Prepares a run.
   *
   * @param config what to train and how
   * @param data the training and test sets
   * @param block the network, outputting logits {@code (B, classes)}
   * @param observers receive progress, in order
   */
  public TrainingRun(
      TrainingConfig config, TrainingData data, Block block, List<TrainingObserver> observers) {
    this.config = config;
    this.data = data;
    this.block = block;
    this.strategy =
        Strategies.create(config.strategy().toStrategyConfig(data.train().numClasses()));
    this.loss = strategy.loss();
    this.learningRate = config.resolvedLearningRate();
    this.observers = List.copyOf(observers);
    this.probes = new ProbeCollector(config.probes(), strategy);
  }

  /** Returns the learning rate this run uses. */
  public double learningRate() {
    return learningRate;
  }

  /**
   * Trains for the configured number of epochs, without checkpoints.
   *
   * @return every epoch's measurements
   * @throws TrainingDivergedException when the loss becomes NaN or infinite
   */
  public TrainingResult run() throws TrainingDivergedException {
    try {
      return run(null);
    } catch (IOException e) {
      throw new UncheckedIOException("unexpected I/O without a checkpoint", e);
    }
  }

  /**
   * Trains for the configured number of epochs, writing {@code checkpoint} after every epoch. When
   * the checkpoint already exists, training continues after its last epoch with the numbers an
   * uninterrupted run would have produced; observers first get {@link TrainingObserver#onResume}.
   * On divergence the checkpoint of the last good epoch stays as it is.
   *
   * @param checkpoint where to keep the checkpoint, or {@code null} for none
   * @return every epoch's measurements, the resumed ones included
   * @throws TrainingDivergedException when the loss becomes NaN or infinite
   * @throws IOException when the checkpoint cannot be read or written
   */
  public TrainingResult run(CheckpointFile checkpoint)
      throws TrainingDivergedException, IOException {
    Device[] devices = TrainingDevices.resolve(config.device());
    return run(checkpoint, devices, devices.length);
  }

  /**
   * Trains on the given devices, each batch cut into {@code slices} slices, slice {@code i} on
   * device {@code i mod devices.length} (tests cut batches into slices on one CPU to check that the
   * slices' weighted losses add up to the whole batch's).
   */
  TrainingResult run(CheckpointFile checkpoint, Device[] devices, int slices)
      throws TrainingDivergedException, IOException {
    SampleSet train =
        config.trainLimit() > 0 ? data.train().head(config.trainLimit()) : data.train();
    SampleSet test = data.test();
    Engine.getInstance().setRandomSeed((int) config.seed());

    List<EpochResult> results = new ArrayList<>();
    try (Model model = Model.newInstance("deltaboost-" + config.model(), devices[0])) {
      model.setBlock(block);
      TrainingOptimizer optimizer =
          TrainingOptimizer.forConfig(
              config, learningRate, (train.size() + config.batchSize() - 1) / config.batchSize());
      if (checkpoint != null && checkpoint.exists()) {
        // Parameters are loaded before the trainer initializes the block, which then keeps them.
        results.addAll(
            checkpoint.readInto(
                config,
                block,
                new Shape(1).addAll(train.imageShape()),
                model.getNDManager(),
                optimizer));
        for (TrainingObserver o : observers) {
          o.onResume(List.copyOf(results), config.epochs());
        }
      }
      DefaultTrainingConfig trainingConfig =
          new DefaultTrainingConfig(loss).optDevices(devices).optOptimizer(optimizer);
      // The strategy's constants (α, β, the batch size) are made once for the run, not per step.
      ScalarScope constants = ScalarScope.open(model.getNDManager());
      try (constants;
          Trainer trainer = model.newTrainer(trainingConfig)) {
        trainer.initialize(new Shape(1).addAll(train.imageShape()));
        if (results.isEmpty() && config.pretrained() != null) {
          loadPretrained(Path.of(config.pretrained()));
        }
        // Collected once: Block.getParameters() walks the whole block tree and builds a new list
        // on every call, Java work (and JIT compilation) a step need not repeat.
        parameters = block.getParameters();
        for (TrainingObserver o : observers) {
          o.onTrainingStart(block);
        }
        int[] order = new int[train.size()];
        int[] testOrder = identity(test.size());
        int steps = (train.size() + config.batchSize() - 1) / config.batchSize();

        for (int epoch = results.size() + 1; epoch <= config.epochs(); epoch++) {
          SplittableRandom epochRandom = new SplittableRandom(epochSeed(config.seed(), epoch));
          Engine.getInstance().setRandomSeed(epochRandom.nextInt());
          fillIdentity(order);
          shuffle(order, epochRandom);
          for (TrainingObserver o : observers) {
            o.onEpochStart(epoch, config.epochs(), steps);
          }
          probes.startEpoch(epoch);
          long start = System.nanoTime();
          double lossSum = 0;
          for (int step = 0; step < steps; step++) {
            int from = step * config.batchSize();
            int n = Math.min(config.batchSize(), train.size() - from);
            long stepStart = System.nanoTime();
            float loss =
                trainStep(
                    trainer, devices, slices, train, order, from, n, epoch, step, epochRandom);
            if (!Float.isFinite(loss)) {
              throw new TrainingDivergedException(
                  strategy.id(), epoch, step + 1, learningRate, "loss is " + loss);
            }
            if (devices.length == 1) {
              applyStep(optimizer);
            } else {
              trainer.step(); // DJL sums the devices' gradients, then updates every copy
            }
            lossSum += loss;
            long stepNanos = System.nanoTime() - stepStart;
            for (TrainingObserver o : observers) {
              o.onStepTimed(epoch, step + 1, n, lastDataNanos, stepNanos - lastDataNanos);
              o.onStep(epoch, step + 1, steps);
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          long evalStart = System.nanoTime();
          EpochResult evaluated = evaluate(trainer, test, testOrder);
          double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
          EpochResult result =
              new EpochResult(
                  epoch,
                  lossSum / steps,
                  evaluated.testError(),
                  seconds,
                  train.size() / seconds,
                  evalSeconds,
                  evaluated.top5Error(),
                  evaluated.meanIou(),
                  evaluated.classIou());
          EpochProbes measured = probes.finishEpoch();
          results.add(result);
          // The checkpoint is written before observers hear of the epoch, so a recorded epoch
          // always has its checkpoint.
          if (checkpoint != null) {
            checkpoint.write(config, results, block, optimizer);
          }
          for (TrainingObserver o : observers) {
            o.onEpochEnd(result, measured, config.epochs());
          }
        }
        // The run record saves the trained parameters here (model.params, read by export).
        for (TrainingObserver o : observers) {
          o.onTrainingEnd(block);
        }
      }
    }
    return new TrainingResult(strategy.id(), learningRate, results);
  }

  /** Fills PixelNet's VGG-16 trunk from a safetensors file before the first step. */
  private void loadPretrained(Path file) throws IOException {
    if (!(block instanceof Vgg16Trunk pixelNet)) {
      throw new IllegalArgumentException(
          "pretrained: only pixelnet loads weights (torchvision vgg16 names), not "
              + config.model());
    }
    pixelNet.loadTorchvisionVgg16(file);
  }

  /**
   * The seed of epoch {@code epoch}'s generator: its first draw seeds the engine (dropout and other
   * engine randomness), the rest shuffle the training set. Deriving it from (seed, epoch) makes a
   * resumed run draw exactly what an uninterrupted one draws.
   */
  static long epochSeed(long seed, int epoch) {
    return seed * 0x9E3779B97F4A7C15L + epoch;
  }

  /**
   * The optimizer step on one device: updates every parameter from its gradient in place and zeroes
   * the gradient ({@link TrainingOptimizer#step}). The same numbers as {@code trainer.step()},
   * which first copies every gradient (DJL's {@code LocalParameterServer}), a copy one device does
   * not need; with several devices the loop calls {@code trainer.step()}, which sums their
   * gradients.
   */
  private void applyStep(TrainingOptimizer optimizer) {
    optimizer.step(parameters);
  }

  private float trainStep(
      Trainer trainer,
      Device[] devices,
      int sliceCount,
      SampleSet train,
      int[] order,
      int from,
      int n,
      int epoch,
      int step,
      SplittableRandom epochRandom)
      throws IOException {
    try (NDManager batch = trainer.getManager().newSubManager();
        GradientCollector collector = trainer.newGradientCollector()) {
      long dataStart = System.nanoTime();
      NDList inputs;
      NDArray labels = null; // segmentation: the sampled pixels' classes
      NDArray targets = null; // classification: the strategy's targets, built in Java
      PixelSampler.Sample pixels = null;
      if (data.segmentation()) {
        NDList loaded = train.batch(batch, order, from, n, epoch);
        Shape mask = loaded.get(1).getShape();
        pixels =
            PixelSampler.sample(
                loaded.get(1).toFloatArray(),
                n,
                (int) mask.get(1),
                (int) mask.get(2),
                DataSettings.orDefault(
                    config.data().pixelsPerImage(), DataSettings.PIXELS_PER_IMAGE),
                epochRandom);
        int perImage = pixels.labels().length / n;
        inputs =
            new NDList(loaded.get(0), batch.create(pixels.positions(), new Shape(n, perImage, 2)));
        labels = batch.create(pixels.labels());
      } else {
        ClassBatch loaded = train.classBatch(batch, order, from, n, epoch);
        inputs = new NDList(loaded.images());
        targets = strategy.encodeTargets(batch, loaded.classes(), train.numClasses());
      }
      lastDataNanos = System.nanoTime() - dataStart;
      float value = 0;
      int slices = Math.min(sliceCount, n);
      for (int slice = 0; slice < slices; slice++) {
        int lo = (int) ((long) n * slice / slices);
        int hi = (int) ((long) n * (slice + 1) / slices);
        Device device = devices[slice % devices.length];
        NDList sliceInputs = slices == 1 ? inputs : slice(inputs, lo, hi, device);
        NDArray z = trainer.forward(sliceInputs).singletonOrThrow();
        NDArray sliceTargets;
        if (targets != null) {
          sliceTargets = slices == 1 ? targets : slice(targets, lo, hi, null, n, device);
        } else {
          NDArray sliceLabels = slices == 1 ? labels : slice(labels, lo, hi, pixels, n, device);
          if (pixels.ignored() > 0) {
            NDArray labelled = sliceLabels.neq(SampleSet.IGNORED);
            z = z.booleanMask(labelled);
            sliceLabels = sliceLabels.booleanMask(labelled);
          }
          sliceTargets =
              strategy.encodeTargets(sliceLabels, (int) z.getShape().get(1), z.getDataType());
        }
        StrategyLoss.Terms terms = loss.trainingTerms(z, sliceTargets);
        NDArray sliceLoss = terms.value();
        NDArray root = terms.backwardRoot();
        if (slices > 1) {
          float share = (float) (hi - lo) / n;
          sliceLoss = sliceLoss.mul(share);
          root = root.mul(share);
        }
        float part = sliceLoss.getFloat();
        value += part;
        if (!Float.isFinite(part)) {
          return part;
        }
        collector.backward(root);
        if (slice == 0 && probes.enabled()) {
          probes.afterBackward(step, z, sliceTargets, parameters, batch);
        }
      }
      return value;
    }
  }

  /**
   * Rows {@code lo..hi−1} of every input (pixel positions follow their images), on {@code device}.
   */
  private static NDList slice(NDList inputs, int lo, int hi, Device device) {
    NDList out = new NDList();
    for (NDArray input : inputs) {
      out.add(input.get(lo + ":" + hi).toDevice(device, false));
    }
    return out;
  }

  /**
   * The rows of images {@code lo..hi−1}: per image (targets), or per sampled pixel, image-major
   * (pixel labels).
   */
  private static NDArray slice(
      NDArray labels, int lo, int hi, PixelSampler.Sample pixels, int n, Device device) {
    int perImage = pixels == null ? 1 : pixels.labels().length / n;
    return labels.get((lo * perImage) + ":" + (hi * perImage)).toDevice(device, false);
  }

  /** Scores the test set: top-1 (and top-5) error, or for masks pixel error and IoU. */
  private EpochResult evaluate(Trainer trainer, SampleSet test, int[] order) throws IOException {
    int batchSize = evaluationBatch(test);
    long wrong = 0;
    long wrongTop5 = 0;
    SegmentationConfusionMatrix confusion =
        data.segmentation() ? new SegmentationConfusionMatrix(test.numClasses()) : null;
    for (int from = 0; from < order.length; from += batchSize) {
      int n = Math.min(batchSize, order.length - from);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDList loaded = test.batch(batch, order, from, n, 0);
        NDArray labels = loaded.get(1);
        NDArray z = trainer.evaluate(new NDList(loaded.get(0))).singletonOrThrow();
        if (confusion != null) {
          confusion.add(labels, z.argMax(1));
        } else {
          NDArray predicted = z.argMax(1).toType(labels.getDataType(), false);
          wrong += n - predicted.eq(labels).sum().getLong();
          if (data.topFive()) {
            wrongTop5 +=
                TopKError.top5()
                    .evaluate(new NDList(labels), new NDList(z))
                    .toType(DataType.INT64, false)
                    .sum()
                    .getLong();
          }
        }
      }
    }
    if (confusion != null) {
      List<Double> classIou = new ArrayList<>();
      for (double iou : confusion.ious()) {
        classIou.add(Double.isNaN(iou) ? null : iou);
      }
      double meanIou = confusion.meanIou();
      return new EpochResult(
          0,
          0,
          1 - confusion.pixelAccuracy(),
          0,
          0,
          0,
          null,
          Double.isNaN(meanIou) ? null : meanIou,
          classIou);
    }
    double error = (double) wrong / order.length;
    Double top5 = data.topFive() ? (double) wrongTop5 / order.length : null;
    return new EpochResult(0, 0, error, 0, 0, 0, top5, null, null);
  }

  /**
   * Evaluation batches of the training batch's size, at least {@link #MIN_EVAL_BATCH} for small
   * images (a few tens of MB of activations): a forward pass at the training batch needs less
   * memory than the training steps, so it reuses the memory malloc keeps for them instead of
   * faulting in fresh pages. Batches of 1000 made All-Conv-10's evaluation of Fashion-MNIST's test
   * set three times slower (300 MB activations, above the launcher's mmap threshold;
   * docs/performance.md).
   */
  private int evaluationBatch(SampleSet test) {
    int training = Math.max(1, config.batchSize());
    return test.imageShape().size() <= 4096 ? Math.max(training, MIN_EVAL_BATCH) : training;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    fillIdentity(order);
    return order;
  }

  private static void fillIdentity(int[] order) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
  }

  /** Fisher–Yates with the epoch's generator, so the order depends only on (seed, epoch). */
  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
