package org.deltaboost.architectures;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * The paper's Fig 1a network: four convolutional layers followed by an affine output layer, with
 * batch normalization, {@code z = W·flatten(u4(u3(u2(u1(x))))) + b} where each unit is {@code
 * u_i(x) = maxpool2×2(relu(BN(conv3×3(x))))}.
 *
 * <p>The paper gives only "four convolutional layers … an affine output layer … batch normalization
 * in all layers"; the rest is our choice, written here:
 *
 * <ul>
 *   <li>3×3 kernels, stride 1, padding 1 (size-preserving), then 2×2 max pooling, stride 2, after
 *       every convolution: 32→16→8→4→2 for CIFAR-10, 28→14→7→3→1 for MNIST;
 *   <li>default widths 32-64-128-256 filters (doubling per stage, a CPU-sized net);
 *   <li>BN before each ReLU, and convolutions without bias (see {@link ConvBnRelu});
 *   <li>"all layers" is read as every hidden layer: the output layer stays a plain affine map so
 *       the logits' scale is free for the strategy's targets (exp-GB wants {0, 10}); {@link
 *       Builder#setOutputBatchNorm(boolean)} adds BN there too for the literal reading.
 * </ul>
 *
 * <p>Weights start as PyTorch's {@code nn.Conv2d}/{@code nn.Linear} do ({@link
 * FanInUniformInitializer}); BN's γ = 1, β = 0; the output bias 0. The draw comes from the engine's
 * random generator, so {@code Engine.getInstance().setRandomSeed(seed)} makes it reproducible.
 */
public final class Cnn5 {

  private final int inputChannels;
  private final int inputSize;
  private final int[] widths;
  private final int numClasses;
  private final boolean outputBatchNorm;

  private Cnn5(Builder builder) {
    this.inputChannels = builder.inputChannels;
    this.inputSize = builder.inputSize;
    this.widths = builder.widths.clone();
    this.numClasses = builder.numClasses;
    this.outputBatchNorm = builder.outputBatchNorm;
    finalSide(); // rejects inputs too small for four poolings
  }

  /**
   * Returns a builder whose defaults are CIFAR-10's 3×32×32 input, widths 32-64-128-256, 10
   * classes.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the network as a DJL block: {@code (B, C, S, S)} images in, {@code (B, numClasses)}
   * logits out.
   */
  public SequentialBlock block() {
    SequentialBlock net = new SequentialBlock();
    for (int width : widths) {
      net.add(ConvBnRelu.block(width, 3, 1, 1));
      net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    net.add(Blocks.batchFlattenBlock());
    net.add(Linear.builder().setUnits(numClasses).build());
    if (outputBatchNorm) {
      net.add(BatchNorm.builder().build());
    }
    net.setInitializer(new FanInUniformInitializer(), Parameter.Type.WEIGHT);
    return net;
  }

  /**
   * Returns the number of trainable parameters, from the layer sizes (BN running statistics
   * excluded).
   */
  public long parameterCount() {
    long count = 0;
    long in = inputChannels;
    for (int width : widths) {
      count += ConvBnRelu.parameterCount(in, width, 3);
      in = width;
    }
    long side = finalSide();
    long features = in * side * side;
    count += features * numClasses + numClasses;
    return outputBatchNorm ? count + 2L * numClasses : count;
  }

  /** Returns the shape of one input sample, {@code (C, S, S)}. */
  public Shape inputShape() {
    return new Shape(inputChannels, inputSize, inputSize);
  }

  private long finalSide() {
    long side = inputSize;
    for (int i = 0; i < widths.length; i++) {
      side = ConvBnRelu.outputSide("Cnn5 conv" + (i + 1), side, 3, 1, 1);
      side = ConvBnRelu.outputSide("Cnn5 pool" + (i + 1), side, 2, 2, 0);
    }
    return side;
  }

  @Override
  public String toString() {
    return "Cnn5["
        + inputChannels
        + "x"
        + inputSize
        + "x"
        + inputSize
        + ", widths "
        + Arrays.toString(widths)
        + ", "
        + numClasses
        + " classes"
        + (outputBatchNorm ? ", output BN" : "")
        + "]";
  }

  /** Builder for {@link Cnn5}. */
  public static final class Builder {
    private int inputChannels = 3;
    private int inputSize = 32;
    private int[] widths = {32, 64, 128, 256};
    private int numClasses = 10;
    private boolean outputBatchNorm;

    private Builder() {}

    /** Sets the image channels (3 for CIFAR-10, 1 for MNIST). */
    public Builder setInputChannels(int inputChannels) {
      this.inputChannels = ConvBnRelu.positive("inputChannels", inputChannels);
      return this;
    }

    /** Sets the side of the square input images (32 for CIFAR-10, 28 for MNIST); at least 16. */
    public Builder setInputSize(int inputSize) {
      this.inputSize = ConvBnRelu.positive("inputSize", inputSize);
      return this;
    }

    /**
     * Sets the filters of the four convolutional layers, input side first.
     *
     * <p>Use multiples of 16 channels for a network you train: libtorch 2.7.1's oneDNN AVX-512
     * convolution computes the input gradient of a convolution with another output-channel count
     * from uninitialized memory (seen on AMD EPYC: losses differ per run, often NaN from step 2).
     */
    public Builder setWidths(int first, int second, int third, int fourth) {
      int[] w = {first, second, third, fourth};
      for (int v : w) {
        if (v < 1) {
          throw new IllegalArgumentException("Cnn5 widths must be >= 1, got " + Arrays.toString(w));
        }
      }
      this.widths = w;
      return this;
    }

    /** Sets the number of classes, the width of the affine output layer. */
    public Builder setNumClasses(int numClasses) {
      this.numClasses = ConvBnRelu.classes(numClasses);
      return this;
    }

    /** Adds batch normalization after the output layer (off by default; see the class notes). */
    public Builder setOutputBatchNorm(boolean outputBatchNorm) {
      this.outputBatchNorm = outputBatchNorm;
      return this;
    }

    /**
     * Builds the network description.
     *
     * @throws IllegalArgumentException when the input is too small for the four poolings
     */
    public Cnn5 build() {
      return new Cnn5(this);
    }
  }
}
