package org.deltaboost.architectures;

import java.util.Arrays;

/**
 * The paper's Table 3 network, PixelNet (Bansal et al. 2017): a VGG-16 trunk (Simonyan &amp;
 * Zisserman 2014) whose fc6 and fc7 act as convolutions, hypercolumn features from conv1_2,
 * conv2_2, conv3_3, conv4_3, conv5_3 and fc7 sampled at sparse pixels, and a multi-layer perceptron
 * that classifies each sampled pixel. This class holds the sizes; {@link #block()} builds the DJL
 * block, whose input/output contract {@link PixelNetBlock} documents.
 *
 * <pre>
 * conv1_1..1_2   3×3 pad 1, 64        (hypercolumn tap: conv1_2 after its ReLU)
 * pool, conv2_x  3×3 pad 1, 128 ×2    (tap conv2_2)
 * pool, conv3_x  3×3 pad 1, 256 ×3    (tap conv3_3)
 * pool, conv4_x  3×3 pad 1, 512 ×3    (tap conv4_3)
 * pool, conv5_x  3×3 pad 1, 512 ×3    (tap conv5_3)
 * pool5, fc6     7×7 pad 3, 4096 → ReLU → dropout;  fc7 1×1, 4096 → ReLU → dropout (tap fc7)
 * hypercolumn    64+128+256+512+512+4096 = 5568 values per pixel → BN
 * MLP head       5568 → 4096 → ReLU → dropout → 4096 → ReLU → dropout → 21, linear output z
 * </pre>
 *
 * Choices, where the paper is silent:
 *
 * <ul>
 *   <li>Pooling is VGG's 2×2/2 max pooling; every convolution has a bias and no BN, so that
 *       torchvision's ImageNet weights load unchanged ({@link PixelNetBlock#loadTorchvisionVgg16}).
 *       fc6 is torchvision's {@code classifier.0} reshaped to a 7×7 convolution, padded 3 so the
 *       pool5 grid keeps its size (FCN's fully convolutional VGG, without FCN's 100-pixel pad).
 *   <li>Hypercolumn features are rectified (Caffe's in-place ReLU makes "conv1_2" the ReLU output)
 *       and concatenated in the order above; layers differ in scale by orders of magnitude (the
 *       scale problem Hariharan et al. and ParseNet discuss), so our choice is one batch
 *       normalization over the 5568 values before the MLP; turn it off with {@link
 *       Builder#setHypercolumnBatchNorm(boolean)}.
 *   <li>Dropout 0.5 after fc6, fc7 (VGG's) and after each hidden layer of the head.
 *   <li>Weights not loaded from a file start as PyTorch's defaults ({@link
 *       FanInUniformInitializer}), biases at zero, seeded through the engine.
 * </ul>
 */
public final class PixelNet {

  /** The torchvision {@code vgg16} index in {@code features.<i>} of each trunk convolution. */
  static final int[] TORCHVISION_FEATURE_INDICES = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};

  /** Convolutions per VGG-16 stage. */
  static final int[] STAGE_DEPTHS = {2, 2, 3, 3, 3};

  final int inputChannels;
  final int[] stageWidths;
  final int fcWidth;
  final int fc6Kernel;
  final int[] headSizes;
  final int numClasses;
  final float dropout;
  final boolean hypercolumnBatchNorm;
  final int denseChunkPixels;

  private PixelNet(Builder builder) {
    this.inputChannels = builder.inputChannels;
    this.stageWidths = builder.stageWidths.clone();
    this.fcWidth = builder.fcWidth;
    this.fc6Kernel = builder.fc6Kernel;
    this.headSizes = builder.headSizes.clone();
    this.numClasses = builder.numClasses;
    this.dropout = builder.dropout;
    this.hypercolumnBatchNorm = builder.hypercolumnBatchNorm;
    this.denseChunkPixels = builder.denseChunkPixels;
  }

  /** Returns a builder whose defaults are the paper's: VGG-16, fc 4096, head 4096-4096-21. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a new, uninitialized PixelNet block. */
  public PixelNetBlock block() {
    return new PixelNetBlock(this);
  }

  /** Returns the length of one hypercolumn: the five stage widths plus fc7's. */
  public long hypercolumnSize() {
    return Arrays.stream(stageWidths).asLongStream().sum() + fcWidth;
  }

  /** Returns the trainable parameters of conv1_1 … conv5_3 (14,714,688 for VGG-16). */
  public long trunkParameterCount() {
    long count = 0;
    long in = inputChannels;
    for (int stage = 0; stage < stageWidths.length; stage++) {
      for (int i = 0; i < STAGE_DEPTHS[stage]; i++) {
        count += in * stageWidths[stage] * 9 + stageWidths[stage];
        in = stageWidths[stage];
      }
    }
    return count;
  }

  /** Returns all trainable parameters (BN running statistics excluded), from the layer sizes. */
  public long parameterCount() {
    long count = trunkParameterCount();
    long last = stageWidths[stageWidths.length - 1];
    count += last * fcWidth * fc6Kernel * fc6Kernel + fcWidth; // fc6
    count += (long) fcWidth * fcWidth + fcWidth; // fc7
    long in = hypercolumnSize();
    if (hypercolumnBatchNorm) {
      count += 2 * in;
    }
    for (int units : headSizes) {
      count += in * units + units;
      in = units;
    }
    return count + in * numClasses + numClasses;
  }

  /** Returns the number of classes (21 for PASCAL VOC: 20 objects and background). */
  public int numClasses() {
    return numClasses;
  }

  @Override
  public String toString() {
    return "PixelNet[trunk "
        + Arrays.toString(stageWidths)
        + ", fc "
        + fcWidth
        + " (fc6 "
        + fc6Kernel
        + "x"
        + fc6Kernel
        + "), hypercolumn "
        + hypercolumnSize()
        + ", head "
        + Arrays.toString(headSizes)
        + "-"
        + numClasses
        + ", dropout "
        + dropout
        + "]";
  }

  /** Builder for {@link PixelNet}. */
  public static final class Builder {
    private int inputChannels = 3;
    private int[] stageWidths = {64, 128, 256, 512, 512};
    private int fcWidth = 4096;
    private int fc6Kernel = 7;
    private int[] headSizes = {4096, 4096};
    private int numClasses = 21;
    private float dropout = 0.5f;
    private boolean hypercolumnBatchNorm = true;
    private int denseChunkPixels = 4096;

    private Builder() {}

    /** Sets the image channels (3). */
    public Builder setInputChannels(int inputChannels) {
      this.inputChannels = ConvBnRelu.positive("inputChannels", inputChannels);
      return this;
    }

    /**
     * Sets the filters of VGG's five stages (64, 128, 256, 512, 512).
     *
     * <p>Use multiples of 16 channels for a network you train: libtorch 2.7.1's oneDNN AVX-512
     * convolution computes the input gradient of a convolution with another output-channel count
     * from uninitialized memory (seen on AMD EPYC: losses differ per run, often NaN from step 2).
     */
    public Builder setStageWidths(int s1, int s2, int s3, int s4, int s5) {
      int[] w = {s1, s2, s3, s4, s5};
      for (int v : w) {
        if (v < 1) {
          throw new IllegalArgumentException(
              "PixelNet stage widths must be >= 1, got " + Arrays.toString(w));
        }
      }
      this.stageWidths = w;
      return this;
    }

    /** Sets the channels of fc6 and fc7 (4096). */
    public Builder setFcWidth(int fcWidth) {
      this.fcWidth = ConvBnRelu.positive("fcWidth", fcWidth);
      return this;
    }

    /** Sets fc6's odd kernel side (7, VGG's pool5 grid at 224×224 input). */
    public Builder setFc6Kernel(int fc6Kernel) {
      if (fc6Kernel < 1 || fc6Kernel % 2 == 0) {
        throw new IllegalArgumentException("fc6Kernel must be odd and >= 1, got " + fc6Kernel);
      }
      this.fc6Kernel = fc6Kernel;
      return this;
    }

    /** Sets the widths of the MLP head's hidden layers (4096, 4096). */
    public Builder setHeadSizes(int... headSizes) {
      for (int v : headSizes) {
        if (v < 1) {
          throw new IllegalArgumentException(
              "PixelNet head sizes must be >= 1, got " + Arrays.toString(headSizes));
        }
      }
      this.headSizes = headSizes.clone();
      return this;
    }

    /** Sets the number of classes per pixel (21 for VOC). */
    public Builder setNumClasses(int numClasses) {
      this.numClasses = ConvBnRelu.classes(numClasses);
      return this;
    }

    /** Sets the dropout rate after fc6, fc7 and the head's hidden layers (0.5; 0 removes them). */
    public Builder setDropout(float dropout) {
      this.dropout = ConvBnRelu.dropoutRate(dropout);
      return this;
    }

    /** Sets whether batch normalization precedes the MLP head (true). */
    public Builder setHypercolumnBatchNorm(boolean hypercolumnBatchNorm) {
      this.hypercolumnBatchNorm = hypercolumnBatchNorm;
      return this;
    }

    /** Sets how many pixels per image dense prediction classifies at once (4096; bounds memory). */
    public Builder setDenseChunkPixels(int denseChunkPixels) {
      this.denseChunkPixels = ConvBnRelu.positive("denseChunkPixels", denseChunkPixels);
      return this;
    }

    /** Builds the network description. */
    public PixelNet build() {
      return new PixelNet(this);
    }
  }
}
