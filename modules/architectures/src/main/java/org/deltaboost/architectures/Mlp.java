package org.deltaboost.architectures;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Arrays;

/**
 * The paper's Table 1 network: a fully connected net {@code 784-392-50-10} with ReLU hidden units
 * and a linear output layer, {@code z = W3·relu(W2·relu(W1·x + b1) + b2) + b3}.
 *
 * <p>No dropout, batch normalization or weight decay, as in the paper. The output is the raw logits
 * {@code z}; the output strategy lives in the loss. Weights start as PyTorch's {@code nn.Linear}
 * does ({@link FanInUniformInitializer}), biases at zero (DJL's default).
 */
public final class Mlp {

  private final long inputSize;
  private final int[] hiddenSizes;
  private final int outputSize;

  private Mlp(Builder builder) {
    this.inputSize = builder.inputSize;
    this.hiddenSizes = builder.hiddenSizes.clone();
    this.outputSize = builder.outputSize;
  }

  /** Returns a builder whose defaults are the paper's 784-392-50-10 net. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the network as a DJL block taking {@code (B, ...)} input flattened to {@code (B,
   * inputSize)}.
   */
  public SequentialBlock block() {
    SequentialBlock net = new SequentialBlock();
    net.add(Blocks.batchFlattenBlock(inputSize));
    for (int units : hiddenSizes) {
      net.add(Linear.builder().setUnits(units).build());
      net.add(Activation.reluBlock());
    }
    net.add(Linear.builder().setUnits(outputSize).build());
    net.setInitializer(new FanInUniformInitializer(), Parameter.Type.WEIGHT);
    return net;
  }

  /** Returns the number of trainable parameters, from the layer sizes. */
  public long parameterCount() {
    long count = 0;
    long in = inputSize;
    for (int units : hiddenSizes) {
      count += in * units + units;
      in = units;
    }
    return count + in * outputSize + outputSize;
  }

  /** Returns the input shape of one sample as the block expects it after flattening. */
  public Shape inputShape() {
    return new Shape(inputSize);
  }

  @Override
  public String toString() {
    StringBuilder sizes = new StringBuilder().append(inputSize);
    Arrays.stream(hiddenSizes).forEach(h -> sizes.append('-').append(h));
    return "Mlp[" + sizes.append('-').append(outputSize) + "]";
  }

  /** Builder for {@link Mlp}; defaults are the paper's sizes. */
  public static final class Builder {
    private long inputSize = 784;
    private int[] hiddenSizes = {392, 50};
    private int outputSize = 10;

    private Builder() {}

    /** Sets the number of input features (28×28 = 784 for MNIST). */
    public Builder setInputSize(long inputSize) {
      if (inputSize < 1) {
        throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
      }
      this.inputSize = inputSize;
      return this;
    }

    /** Sets the widths of the ReLU hidden layers, input side first. */
    public Builder setHiddenSizes(int... hiddenSizes) {
      for (int h : hiddenSizes) {
        if (h < 1) {
          throw new IllegalArgumentException(
              "hidden sizes must be >= 1, got " + Arrays.toString(hiddenSizes));
        }
      }
      this.hiddenSizes = hiddenSizes.clone();
      return this;
    }

    /** Sets the number of classes, the width of the linear output layer. */
    public Builder setOutputSize(int outputSize) {
      if (outputSize < 2) {
        throw new IllegalArgumentException("outputSize must be >= 2 classes, got " + outputSize);
      }
      this.outputSize = outputSize;
      return this;
    }

    /** Builds the network description. */
    public Mlp build() {
      return new Mlp(this);
    }
  }
}
