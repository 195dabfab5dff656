package org.deltaboost.architectures;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * The paper's Fig 1b network, ten layers: Springenberg et al.'s (2014) All-CNN-C with batch
 * normalization after every convolution and its global average pooling replaced by a fully
 * connected output layer (the paper's change, "to make computation more deterministic").
 *
 * <pre>
 *  1-3  3×3 conv a, a, a/stride 2        (a = 96)   padding 1: 32 → 32 → 32 → 16
 *  4-6  3×3 conv b, b, b/stride 2        (b = 192)  padding 1: 16 → 16 → 16 → 8
 *  7    3×3 conv b, no padding ("valid")            8 → 6
 *  8    1×1 conv b                                  6 → 6
 *  9    1×1 conv numClasses                         6 → 6
 * 10    fully connected: numClasses·6·6 → numClasses, linear output z
 * </pre>
 *
 * Every convolution is {@code relu(BN(conv(x)))} without bias ({@link ConvBnRelu}); the paddings
 * and the 6×6 map before the head follow All-CNN-C's table ("global averaging over 6×6").
 * Springenberg's dropout (20% on the input, 50% after each stride-2 layer) is not used: the paper
 * names BN, not dropout, and BN is commonly used in its place. Weights start as PyTorch's defaults
 * ({@link FanInUniformInitializer}), seeded through the engine.
 */
public final class AllConv10 {

  private final int inputChannels;
  private final int inputSize;
  private final int narrowWidth;
  private final int wideWidth;
  private final int numClasses;

  private AllConv10(Builder builder) {
    this.inputChannels = builder.inputChannels;
    this.inputSize = builder.inputSize;
    this.narrowWidth = builder.narrowWidth;
    this.wideWidth = builder.wideWidth;
    this.numClasses = builder.numClasses;
    finalSide(); // rejects inputs too small for the valid 3×3 convolution
  }

  /**
   * Returns a builder whose defaults are All-CNN-C's: 3×32×32 input, widths 96 and 192, 10 classes.
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
    for (Layer layer : layers()) {
      net.add(ConvBnRelu.block(layer.filters, layer.kernel, layer.stride, layer.padding));
    }
    net.add(Blocks.batchFlattenBlock());
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
    for (Layer layer : layers()) {
      count += ConvBnRelu.parameterCount(in, layer.filters, layer.kernel);
      in = layer.filters;
    }
    long side = finalSide();
    return count + in * side * side * numClasses + numClasses;
  }

  /** Returns the shape of one input sample, {@code (C, S, S)}. */
  public Shape inputShape() {
    return new Shape(inputChannels, inputSize, inputSize);
  }

  private Layer[] layers() {
    int a = narrowWidth;
    int b = wideWidth;
    return new Layer[] {
      new Layer(a, 3, 1, 1), new Layer(a, 3, 1, 1), new Layer(a, 3, 2, 1),
      new Layer(b, 3, 1, 1), new Layer(b, 3, 1, 1), new Layer(b, 3, 2, 1),
      new Layer(b, 3, 1, 0), new Layer(b, 1, 1, 0), new Layer(numClasses, 1, 1, 0)
    };
  }

  private long finalSide() {
    long side = inputSize;
    Layer[] layers = layers();
    for (int i = 0; i < layers.length; i++) {
      Layer l = layers[i];
      side = ConvBnRelu.outputSide("AllConv10 conv" + (i + 1), side, l.kernel, l.stride, l.padding);
    }
    return side;
  }

  @Override
  public String toString() {
    return "AllConv10["
        + inputChannels
        + "x"
        + inputSize
        + "x"
        + inputSize
        + ", widths "
        + narrowWidth
        + "/"
        + wideWidth
        + ", "
        + numClasses
        + " classes]";
  }

  private record Layer(int filters, int kernel, int stride, int padding) {}

  /** Builder for {@link AllConv10}. */
  public static final class Builder {
    private int inputChannels = 3;
    private int inputSize = 32;
    private int narrowWidth = 96;
    private int wideWidth = 192;
    private int numClasses = 10;

    private Builder() {}

    /** Sets the image channels (3 for CIFAR-10). */
    public Builder setInputChannels(int inputChannels) {
      this.inputChannels = ConvBnRelu.positive("inputChannels", inputChannels);
      return this;
    }

    /** Sets the side of the square input images (32 for CIFAR-10). */
    public Builder setInputSize(int inputSize) {
      this.inputSize = ConvBnRelu.positive("inputSize", inputSize);
      return this;
    }

    /**
     * Sets the filters of layers 1-3 (96) and of layers 4-8 (192).
     *
     * <p>Use multiples of 16 channels for a network you train: libtorch 2.7.1's oneDNN AVX-512
     * convolution computes the input gradient of a convolution with another output-channel count
     * from uninitialized memory (seen on AMD EPYC: losses differ per run, often NaN from step 2).
     */
    public Builder setWidths(int narrowWidth, int wideWidth) {
      this.narrowWidth = ConvBnRelu.positive("AllConv10 narrow width", narrowWidth);
      this.wideWidth = ConvBnRelu.positive("AllConv10 wide width", wideWidth);
      return this;
    }

    /** Sets the number of classes: the filters of the last 1×1 convolution and the output width. */
    public Builder setNumClasses(int numClasses) {
      this.numClasses = ConvBnRelu.classes(numClasses);
      return this;
    }

    /**
     * Builds the network description.
     *
     * @throws IllegalArgumentException when the input is too small for the layers' kernels
     */
    public AllConv10 build() {
      return new AllConv10(this);
    }
  }
}
