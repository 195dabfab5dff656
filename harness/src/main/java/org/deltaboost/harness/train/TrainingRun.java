package org.deltaboost.harness.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.strategies.OutputStrategy;
import org.deltaboost.strategies.Strategies;

/**
 * Trains one network with one output strategy by plain mini-batch SGD (optionally with momentum,
 * {@link MomentumSgd}) and measures the test error after every epoch, optionally checkpointing
 * every epoch ({@link CheckpointFile}) and resuming from the checkpoint.
 *
 * <p>Randomness: the weights are initialized with the engine seeded by {@code seed}; epoch
 * {@code e} draws from {@code SplittableRandom(seed·0x9E3779B97F4A7C15 + e)}: first the engine seed
 * for the epoch, then a Fisher–Yates shuffle of the identity order. So the numbers depend only on
 * the config, and a run resumed after epoch {@code k} repeats an uninterrupted run exactly.
 *
 * <p>Each step back-propagates the strategy's delta from the linear output; the loss value and
 * gradient come from the strategy's DJL loss. Every batch lives in its own NDManager, closed after
 * the step, so native memory stays flat. A non-finite loss stops the run before the optimizer
 * applies the step, leaving the parameters at their last good values.
 *
 * <p>Probes ({@link ProbeSettings}) measure each step after its backward pass and before the
 * update ({@link ProbeCollector}); they draw no randomness, so they leave the numbers unchanged,
 * and with every probe off the step does no probe work.
 */
public final class TrainingRun {

  private static final int EVAL_BATCH = 1000;

  private final TrainingConfig config;
  private final TrainingData data;
  private final Block block;
  private final OutputStrategy strategy;
  private final double learningRate;
  private final List<TrainingObserver> observers;
  private final ProbeCollector probes;
  private long lastDataNanos; // time the last trainStep spent building its batch

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
    this.strategy = Strategies.create(config.strategy().toStrategyConfig());
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
  public TrainingResult run(CheckpointFile checkpoint) throws TrainingDivergedException, IOException {
    ImageClassificationSet train = limited(data.train(), config.trainLimit());
    ImageClassificationSet test = data.test();
    Engine.getInstance().setRandomSeed((int) config.seed());

    List<EpochResult> results = new ArrayList<>();
    try (Model model = Model.newInstance("deltaboost-" + config.model())) {
      model.setBlock(block);
      MomentumSgd optimizer = new MomentumSgd(learningRate, config.momentum());
      if (checkpoint != null && checkpoint.exists()) {
        // Parameters are loaded before the trainer initializes the block, which then keeps them.
        results.addAll(checkpoint.readInto(block, model.getNDManager(), optimizer));
        for (TrainingObserver o : observers) {
          o.onResume(List.copyOf(results), config.epochs());
        }
      }
      DefaultTrainingConfig trainingConfig =
          new DefaultTrainingConfig(strategy.loss())
              .optDevices(new Device[] {Device.cpu()})
              .optOptimizer(optimizer);
      try (Trainer trainer = model.newTrainer(trainingConfig)) {
        trainer.initialize(new Shape(1, train.channels(), train.height(), train.width()));
        BatchAssembler trainBatches = new BatchAssembler(train, config.batchSize());
        BatchAssembler testBatches = new BatchAssembler(test, EVAL_BATCH);
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
            float loss = trainStep(trainer, trainBatches, order, from, n, step);
            if (!Float.isFinite(loss)) {
              throw new TrainingDivergedException(
                  strategy.id(), epoch, step + 1, learningRate, "loss is " + loss);
            }
            trainer.step();
            lossSum += loss;
            long stepNanos = System.nanoTime() - stepStart;
            for (TrainingObserver o : observers) {
              o.onStepTimed(epoch, step + 1, n, lastDataNanos, stepNanos - lastDataNanos);
              o.onStep(epoch, step + 1, steps);
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          long evalStart = System.nanoTime();
          double testError = errorRate(trainer, testBatches, testOrder);
          double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
          EpochResult result =
              new EpochResult(
                  epoch, lossSum / steps, testError, seconds, train.size() / seconds, evalSeconds);
          EpochProbes measured = probes.finishEpoch();
          results.add(result);
          // The checkpoint is written before observers hear of the epoch, so a recorded epoch
          // always has its checkpoint.
          if (checkpoint != null) {
            checkpoint.write(results, block, optimizer);
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

  /**
   * The seed of epoch {@code epoch}'s generator: its first draw seeds the engine (dropout and
   * other engine randomness), the rest shuffle the training set. Deriving it from (seed, epoch)
   * makes a resumed run draw exactly what an uninterrupted one draws.
   */
  static long epochSeed(long seed, int epoch) {
    return seed * 0x9E3779B97F4A7C15L + epoch;
  }

  private float trainStep(
      Trainer trainer, BatchAssembler batches, int[] order, int from, int n, int step) {
    try (NDManager batch = trainer.getManager().newSubManager();
        GradientCollector collector = trainer.newGradientCollector()) {
      long dataStart = System.nanoTime();
      NDArray x = batches.images(batch, order, from, n);
      NDArray y = batches.labels(batch, order, from, n);
      lastDataNanos = System.nanoTime() - dataStart;
      NDList z = trainer.forward(new NDList(x));
      NDArray loss = trainer.getLoss().evaluate(new NDList(y), z);
      float value = loss.getFloat();
      if (Float.isFinite(value)) {
        collector.backward(loss);
        if (probes.enabled()) {
          probes.afterBackward(
              step, z.singletonOrThrow(), y, trainer.getModel().getBlock().getParameters(), batch);
        }
      }
      return value;
    }
  }

  private static double errorRate(Trainer trainer, BatchAssembler batches, int[] order) {
    long wrong = 0;
    for (int from = 0; from < order.length; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, order.length - from);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray x = batches.images(batch, order, from, n);
        NDArray labels = batches.labels(batch, order, from, n);
        NDArray z = trainer.evaluate(new NDList(x)).singletonOrThrow();
        NDArray predicted = z.argMax(1).toType(labels.getDataType(), false);
        wrong += n - predicted.eq(labels).sum().getLong();
      }
    }
    return (double) wrong / order.length;
  }

  private static ImageClassificationSet limited(ImageClassificationSet set, int limit) {
    return limit > 0 && limit < set.size() ? set.head(limit) : set;
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
