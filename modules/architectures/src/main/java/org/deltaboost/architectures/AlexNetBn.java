package org.deltaboost.architectures;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * The paper's Table 2 network: AlexNet (Krizhevsky et al. 2012) with batch normalization.
 *
 * <pre>
 * conv1 11×11/4 pad 2, 96  → BN → ReLU → maxpool 3/2     224 or 227 → 55 or 56 → 27
 * conv2  5×5   pad 2, 256 → BN → ReLU → maxpool 3/2     27 → 13
 * conv3  3×3   pad 1, 384 → BN → ReLU                   13
 * conv4  3×3   pad 1, 384 → BN → ReLU                   13
 * conv5  3×3   pad 1, 256 → BN → ReLU → maxpool 3/2     13 → 6
 * fc6   256·6·6 → 4096 → BN → ReLU → dropout 0.5
 * fc7   4096 → 4096    → BN → ReLU → dropout 0.5
 * fc8   4096 → 1000, linear output z
 * </pre>
 *
 * Choices where the paper is silent: Krizhevsky's widths (96-256-384-384-256, 4096-4096); BN after
 * every convolution and hidden fully connected layer, before the ReLU, replacing the local response
 * normalization (as Ioffe &amp; Szegedy did); one tower (no two-GPU grouping); conv1 padding 2 as
 * in torchvision's AlexNet, so a 224 and a 227 crop both end in 6×6 maps; Krizhevsky's dropout 0.5
 * before fc7 and fc8 kept ({@link Builder#setDropout(float)}). Layers followed by BN have no bias
 * ({@link ConvBnRelu}). Weights start as PyTorch's defaults ({@link FanInUniformInitializer}),
 * seeded through the engine; DJL's model-zoo AlexNet has no BN.
 */
public final class AlexNetBn {

  private final int inputChannels;
  private final int inputSize;
  private final int[] convWidths;
  private final int hiddenUnits;
  private final int numClasses;
  private final float dropout;

  private static final int[] KERNELS = {11, 5, 3, 3, 3};
  private static final int[] STRIDES = {4, 1, 1, 1, 1};
  private static final int[] PADDINGS = {2, 2, 1, 1, 1};
  private static final boolean[] POOL_AFTER = {true, true, false, false, true};

  private AlexNetBn(Builder builder) {
    this.inputChannels = builder.inputChannels;
    this.inputSize = builder.inputSize;
    this.convWidths = builder.convWidths.clone();
    this.hiddenUnits = builder.hiddenUnits;
    this.numClasses = builder.numClasses;
    this.dropout = builder.dropout;
    finalSide(); // rejects inputs too small for the three poolings
  }

  /** Returns a builder whose defaults are the paper's: 3×224×224 input, 1000 classes. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the network as a DJL block: {@code (B, C, S, S)} images in, {@code (B, numClasses)}
   * logits out.
   */
  public SequentialBlock block() {
    SequentialBlock net = new SequentialBlock();
    for (int i = 0; i < convWidths.length; i++) {
      net.add(ConvBnRelu.block(convWidths[i], KERNELS[i], STRIDES[i], PADDINGS[i]));
      if (POOL_AFTER[i]) {
        net.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)));
      }
    }
    net.add(Blocks.batchFlattenBlock());
    for (int i = 0; i < 2; i++) {
      net.add(Linear.builder().setUnits(hiddenUnits).optBias(false).build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock());
      if (dropout > 0) {
        net.add(Dropout.builder().optRate(dropout).build());
      }
    }
    net.add(Linear.builder().setUnits(numClasses).build());
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
    for (int i = 0; i < convWidths.length; i++) {
      count += ConvBnRelu.parameterCount(in, convWidths[i], KERNELS[i]);
      in = convWidths[i];
    }
    long side = finalSide();
    long features = in * side * side;
    count += features * hiddenUnits + 2L * hiddenUnits; // fc6 + BN
    count += (long) hiddenUnits * hiddenUnits + 2L * hiddenUnits; // fc7 + BN
    return count + (long) hiddenUnits * numClasses + numClasses; // fc8
  }

  /** Returns the shape of one input sample, {@code (C, S, S)}. */
  public Shape inputShape() {
    return new Shape(inputChannels, inputSize, inputSize);
  }

  private long finalSide() {
    long side = inputSize;
    for (int i = 0; i < convWidths.length; i++) {
      side =
          ConvBnRelu.outputSide(
              "AlexNetBn conv" + (i + 1), side, KERNELS[i], STRIDES[i], PADDINGS[i]);
      if (POOL_AFTER[i]) {
        side = ConvBnRelu.outputSide("AlexNetBn pool after conv" + (i + 1), side, 3, 2, 0);
      }
    }
    return side;
  }

  @Override
  public String toString() {
    return "AlexNetBn["
        + inputChannels
        + "x"
        + inputSize
        + "x"
        + inputSize
        + ", conv "
        + Arrays.toString(convWidths)
        + ", fc "
        + hiddenUnits
        + ", "
        + numClasses
        + " classes, dropout "
        + dropout
        + "]";
  }

  /** Builder for {@link AlexNetBn}. */
  public static final class Builder {
    private int inputChannels = 3;
    private int inputSize = 224;
    private int[] convWidths = {96, 256, 384, 384, 256};
    private int hiddenUnits = 4096;
    private int numClasses = 1000;
    private float dropout = 0.5f;

    private Builder() {}

    /** Sets the image channels (3). */
    public Builder setInputChannels(int inputChannels) {
      this.inputChannels = ConvBnRelu.positive("inputChannels", inputChannels);
      return this;
    }

    /** Sets the side of the square input crops (224 or 227 for ImageNet; at least 63). */
    public Builder setInputSize(int inputSize) {
      this.inputSize = ConvBnRelu.positive("inputSize", inputSize);
      return this;
    }

    /**
     * Sets the filters of conv1 … conv5.
     *
     * <p>Use multiples of 16 channels for a network you train: libtorch 2.7.1's oneDNN AVX-512
     * convolution computes the input gradient of a convolution with another output-channel count
     * from uninitialized memory (seen on AMD EPYC: losses differ per run, often NaN from step 2).
     */
    public Builder setConvWidths(int c1, int c2, int c3, int c4, int c5) {
      int[] w = {c1, c2, c3, c4, c5};
      for (int v : w) {
        if (v < 1) {
          throw new IllegalArgumentException(
              "AlexNetBn conv widths must be >= 1, got " + Arrays.toString(w));
        }
      }
      this.convWidths = w;
      return this;
    }

    /** Sets the units of fc6 and fc7 (4096). */
    public Builder setHiddenUnits(int hiddenUnits) {
      this.hiddenUnits = ConvBnRelu.positive("hiddenUnits", hiddenUnits);
      return this;
    }

    /** Sets the number of classes, the width of the linear output layer fc8. */
    public Builder setNumClasses(int numClasses) {
      this.numClasses = ConvBnRelu.classes(numClasses);
      return this;
    }

    /** Sets the dropout rate after fc6 and fc7 (0.5; 0 removes the dropout layers). */
    public Builder setDropout(float dropout) {
      this.dropout = ConvBnRelu.dropoutRate(dropout);
      return this;
    }

    /**
     * Builds the network description.
     *
     * @throws IllegalArgumentException when the input is too small for the poolings
     */
    public AlexNetBn build() {
      return new AlexNetBn(this);
    }
  }
}
