package org.deltaboost.onnx;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.data.idx.EmbeddedFashionMnist;

/** Networks, data and metadata shared by the export tests. */
final class TestNetworks {

  static final Shape MNIST_SAMPLE = new Shape(1, 28, 28);
  private static ImageClassificationSet fashion;

  private TestNetworks() {}

  /** Conv-BN-ReLU-MaxPool twice, as the CNN-5 of the architectures module, then a linear head. */
  static SequentialBlock convNet() {
    SequentialBlock net = new SequentialBlock();
    for (int filters : new int[] {16, 16}) { // multiples of 16: see mixedNet
      net.add(
              Conv2d.builder()
                  .setFilters(filters)
                  .setKernelShape(new Shape(3, 3))
                  .optPadding(new Shape(1, 1))
                  .optBias(false)
                  .build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    net.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
    net.add(BatchNorm.builder().build()); // on the logits, as CNN-5 does
    return net;
  }

  /**
   * Strided convolution with bias, overlapping 3/2/1 max pool, nested sequence, average pool,
   * dropout, a bias-free linear + batch norm + ReLU hidden layer, and a global average pool branch
   * is not here (see {@link #globalPoolNet()}). Both convolutions have 16 filters: libtorch 2.7.1's
   * oneDNN AVX-512 convolution computes the input gradient of other output-channel counts from
   * uninitialized memory, and this network is trained.
   */
  static SequentialBlock mixedNet() {
    SequentialBlock inner =
        new SequentialBlock()
            .add(Conv2d.builder().setFilters(16).setKernelShape(new Shape(3, 3)).build())
            .add(BatchNorm.builder().optEpsilon(1e-3f).build())
            .add(Activation.tanhBlock());
    return new SequentialBlock()
        .add(
            Conv2d.builder()
                .setFilters(16)
                .setKernelShape(new Shape(5, 5))
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(2, 2))
                .build())
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)))
        .add(inner)
        .add(Pool.avgPool2dBlock(new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Dropout.builder().optRate(0.3f).build())
        .add(Linear.builder().setUnits(16).optBias(false).build())
        .add(BatchNorm.builder().build())
        .add(Activation.sigmoidBlock())
        .add(Linear.builder().setUnits(10).build());
  }

  /** Convolutions ending in a global average pool, as the all-convolutional nets may. */
  static SequentialBlock globalPoolNet() {
    return new SequentialBlock()
        .add(Conv2d.builder().setFilters(6).setKernelShape(new Shape(3, 3)).build())
        .add(Activation.reluBlock())
        .add(Pool.avgPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false, false))
        .add(Conv2d.builder().setFilters(10).setKernelShape(new Shape(1, 1)).build())
        .add(Pool.globalAvgPool2dBlock());
  }

  /** The first {@code n} embedded Fashion-MNIST test images as {@code pixel / 255}. */
  static float[] images(int n) {
    ImageClassificationSet set = fashion();
    float[] x = new float[n * set.imageSize()];
    for (int i = 0; i < n; i++) {
      set.copyScaled(i, x, i * set.imageSize());
    }
    return x;
  }

  /** The labels of the first {@code n} embedded test images. */
  static int[] labels(int n) {
    int[] all = fashion().labels();
    return java.util.Arrays.copyOf(all, n);
  }

  static synchronized ImageClassificationSet fashion() {
    if (fashion == null) {
      try {
        fashion = EmbeddedFashionMnist.load();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return fashion;
  }

  static ExportMetadata metadata() {
    return new ExportMetadata(
        "exp-gb",
        0.1,
        0,
        0,
        10,
        "fashion-mnist",
        fashion().classNames(),
        InputNormalization.unitInterval(),
        "run-test-1");
  }

  static ExportMetadata metadata(int classes) {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add("class " + i);
    }
    return new ExportMetadata(
        "softmax-ce", 1, 0, 0, 1, "synthetic", names, InputNormalization.unitInterval(), "run-x");
  }

  /**
   * Initializes the model's block with a seeded engine and trains it for a few SGD steps on real
   * images, so batch-norm running statistics, γ and β all move away from their initial values.
   */
  static void initializeAndTrain(Model model, int steps, int batch) {
    Engine.getInstance().setRandomSeed(11);
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build());
    try (Trainer trainer = model.newTrainer(config)) {
      trainer.initialize(new Shape(batch).addAll(MNIST_SAMPLE));
      float[] x = images(steps * batch);
      int[] y = labels(steps * batch);
      for (int s = 0; s < steps; s++) {
        try (NDManager m = trainer.getManager().newSubManager()) {
          float[] chunk = java.util.Arrays.copyOfRange(x, s * batch * 784, (s + 1) * batch * 784);
          float[] labels = new float[batch];
          for (int i = 0; i < batch; i++) {
            labels[i] = y[s * batch + i];
          }
          NDArray xs = m.create(chunk, new Shape(batch).addAll(MNIST_SAMPLE));
          NDArray ys = m.create(labels);
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray loss =
                trainer.getLoss().evaluate(new NDList(ys), trainer.forward(new NDList(xs)));
            gc.backward(loss);
          }
          trainer.step();
        }
      }
    }
  }

  /** Initializes {@code block} for a single-sample input with a seeded engine. */
  static void initialize(Block block, NDManager manager, Shape sample) {
    Engine.getInstance().setRandomSeed(3);
    block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(sample));
  }

  /** Exports {@code block} for 28×28 grey images to {@code dir/name.onnx}. */
  static Path export(Block block, Path dir, String name) throws OnnxException {
    Path file = dir.resolve(name + ".onnx");
    OnnxExporter.builder(block, MNIST_SAMPLE).metadata(metadata()).build().writeTo(file);
    return file;
  }
}
