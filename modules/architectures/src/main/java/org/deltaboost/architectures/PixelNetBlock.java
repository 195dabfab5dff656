package org.deltaboost.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PixelNet as a DJL block (sizes and design choices: {@link PixelNet}), a {@link DensePrediction}
 * on a {@link Vgg16Trunk}. One forward computes the trunk once per image, then classifies pixels
 * from their hypercolumns.
 *
 * <h2>Input and output</h2>
 *
 * <ul>
 *   <li><b>Sparse</b> (training): {@code NDList(images, pixels)}. {@code images} is float {@code
 *       (B, C, H, W)} with {@code H, W >= 32}; {@code pixels} is {@code (B, P, 2)}, any numeric
 *       type, holding for each image {@code P} positions {@code [row, col]} in input pixel
 *       coordinates, {@code 0 <= row <= H−1}, {@code 0 <= col <= W−1} (integers are pixel centres;
 *       fractions are allowed). Output: {@code NDList(logits)} with logits {@code (B·P,
 *       numClasses)}, image-major — row {@code b·P + p} is pixel {@code p} of image {@code b} — so
 *       the labels to compare with are the label image's values at the same positions, flattened
 *       the same way, {@code (B·P)}.
 *   <li><b>Dense</b> (inference): {@code NDList(images)}. Output: {@code NDList(logits)} with
 *       logits {@code (B, numClasses, H, W)}, every pixel classified at input resolution, in chunks
 *       of {@code denseChunkPixels} pixels per image to bound memory; {@code argmax(logits, 1)} is
 *       the segmentation.
 * </ul>
 *
 * The number of inputs, not the training flag, selects the mode: sparse forwards can also be
 * evaluated (a validation loss on sampled pixels), and dense ones trained. Initialize with the
 * image shape alone or with both shapes, e.g. {@code trainer.initialize(new Shape(5, 3, 224, 224),
 * new Shape(5, 2000, 2))}. The positions' hypercolumns are sampled as {@link HypercolumnSampler}
 * documents (bilinear, pixel centres aligned).
 *
 * <h2>Pretrained trunk</h2>
 *
 * {@link #loadTorchvisionVgg16(Path)} fills conv1_1 … conv5_3, fc6 and fc7 from a safetensors file
 * with torchvision's {@code vgg16} tensor names (for example {@code
 * safetensors.torch.save_file(torchvision.models.vgg16(weights="IMAGENET1K_V1").state_dict(),
 * "vgg16.safetensors")}). Those weights expect RGB scaled to [0, 1] and normalized with mean
 * (0.485, 0.456, 0.406) and standard deviation (0.229, 0.224, 0.225).
 */
public final class PixelNetBlock extends AbstractBlock implements DensePrediction, Vgg16Trunk {

  private static final byte VERSION = 1;
  private static final long MIN_SIDE = 32; // five 2×2 poolings

  private final PixelNet config;
  private final List<Block> stages = new ArrayList<>();
  private final List<Conv2d> trunkConvolutions = new ArrayList<>();
  private final Conv2d fc6;
  private final Conv2d fc7;
  private final Block hypercolumnNorm;
  private final SequentialBlock head;

  PixelNetBlock(PixelNet config) {
    super(VERSION);
    this.config = config;
    for (int stage = 0; stage < config.stageWidths.length; stage++) {
      SequentialBlock block = new SequentialBlock();
      if (stage > 0) {
        block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
      }
      for (int i = 0; i < PixelNet.STAGE_DEPTHS[stage]; i++) {
        Conv2d conv = convolution(config.stageWidths[stage], 3);
        trunkConvolutions.add(conv);
        block.add(conv).add(Activation.reluBlock());
      }
      stages.add(addChildBlock("conv" + (stage + 1), block));
    }
    fc6 = convolution(config.fcWidth, config.fc6Kernel);
    fc7 = convolution(config.fcWidth, 1);
    SequentialBlock fc = new SequentialBlock();
    fc.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(fc6)
        .add(Activation.reluBlock());
    addDropout(fc);
    fc.add(fc7).add(Activation.reluBlock());
    addDropout(fc);
    stages.add(addChildBlock("fc", fc));
    hypercolumnNorm =
        config.hypercolumnBatchNorm
            ? addChildBlock("hypercolumnNorm", BatchNorm.builder().build())
            : null;
    head = new SequentialBlock();
    for (int units : config.headSizes) {
      head.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
      addDropout(head);
    }
    head.add(Linear.builder().setUnits(config.numClasses).build());
    addChildBlock("head", head);
    setInitializer(new FanInUniformInitializer(), Parameter.Type.WEIGHT);
  }

  private static Conv2d convolution(int filters, int kernel) {
    int pad = (kernel - 1) / 2;
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optPadding(new Shape(pad, pad))
        .build();
  }

  private void addDropout(SequentialBlock block) {
    if (config.dropout > 0) {
      block.add(Dropout.builder().optRate(config.dropout).build());
    }
  }

  /** The {@code i}-th trunk convolution, conv1_1 = 0 … conv5_3 = 12 (for tests). */
  Conv2d trunkConvolution(int i) {
    return trunkConvolutions.get(i);
  }

  /** fc6 as a convolution (for tests). */
  Conv2d fc6() {
    return fc6;
  }

  /** Returns the network description this block was built from. */
  public PixelNet config() {
    return config;
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    checkShapes(inputShapes);
    super.beforeInitialize(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape shape = inputShapes[0];
    for (Block stage : stages) {
      stage.initialize(manager, dataType, shape);
      shape = stage.getOutputShapes(new Shape[] {shape})[0];
    }
    Shape hypercolumns = new Shape(1, config.hypercolumnSize());
    if (hypercolumnNorm != null) {
      hypercolumnNorm.initialize(manager, dataType, hypercolumns);
    }
    head.initialize(manager, dataType, hypercolumns);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    checkShapes(inputShapes);
    Shape images = inputShapes[0];
    if (inputShapes.length == 2) {
      return new Shape[] {new Shape(images.get(0) * inputShapes[1].get(1), config.numClasses)};
    }
    return new Shape[] {new Shape(images.get(0), config.numClasses, images.get(2), images.get(3))};
  }

  private void checkShapes(Shape... shapes) {
    if (shapes.length < 1 || shapes.length > 2) {
      throw new IllegalArgumentException(
          "PixelNet takes (images) or (images, pixels), got " + shapes.length + " inputs");
    }
    Shape images = shapes[0];
    if (images.dimension() != 4
        || images.get(1) != config.inputChannels
        || images.get(2) < MIN_SIDE
        || images.get(3) < MIN_SIDE) {
      throw new IllegalArgumentException(
          "PixelNet images: expected (B, "
              + config.inputChannels
              + ", H >= "
              + MIN_SIDE
              + ", W >= "
              + MIN_SIDE
              + "), got "
              + images);
    }
    if (shapes.length == 2) {
      Shape pixels = shapes[1];
      if (pixels.dimension() != 3 || pixels.get(0) != images.get(0) || pixels.get(2) != 2) {
        throw new IllegalArgumentException(
            "PixelNet pixels: expected ("
                + images.get(0)
                + ", P, 2) [row, col] positions, got "
                + pixels);
      }
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    checkShapes(inputs.getShapes());
    NDArray images = inputs.get(0);
    long height = images.getShape().get(2);
    long width = images.getShape().get(3);
    List<NDArray> maps = new ArrayList<>();
    NDArray x = images;
    for (Block stage : stages) {
      x = stage.forward(parameterStore, new NDList(x), training, params).singletonOrThrow();
      maps.add(x);
    }
    HypercolumnSampler sampler = new HypercolumnSampler(maps, height, width);
    if (inputs.size() == 2) {
      NDArray pixels = inputs.get(1).toType(DataType.FLOAT32, false);
      NDArray rows = pixels.get(":, :, 0");
      NDArray cols = pixels.get(":, :, 1");
      checkRange("row", rows, height);
      checkRange("col", cols, width);
      return new NDList(classify(parameterStore, sampler, rows, cols, training, params));
    }
    return new NDList(dense(parameterStore, sampler, images, training, params));
  }

  private static void checkRange(String what, NDArray positions, long side) {
    float min = positions.min().getFloat();
    float max = positions.max().getFloat();
    if (!(min >= 0 && max <= side - 1)) {
      throw new IllegalArgumentException(
          "PixelNet pixels: every "
              + what
              + " must lie in [0, "
              + (side - 1)
              + "], found ["
              + min
              + ", "
              + max
              + "]");
    }
  }

  private NDArray classify(
      ParameterStore parameterStore,
      HypercolumnSampler sampler,
      NDArray rows,
      NDArray cols,
      boolean training,
      PairList<String, Object> params) {
    NDArray features = sampler.sample(rows, cols);
    if (hypercolumnNorm != null) {
      features =
          hypercolumnNorm
              .forward(parameterStore, new NDList(features), training, params)
              .singletonOrThrow();
    }
    return head.forward(parameterStore, new NDList(features), training, params).singletonOrThrow();
  }

  private NDArray dense(
      ParameterStore parameterStore,
      HypercolumnSampler sampler,
      NDArray images,
      boolean training,
      PairList<String, Object> params) {
    long batch = images.getShape().get(0);
    long height = images.getShape().get(2);
    long width = images.getShape().get(3);
    int pixels = Math.toIntExact(height * width);
    NDManager manager = images.getManager();
    NDList chunks = new NDList();
    for (int start = 0; start < pixels; start += config.denseChunkPixels) {
      int end = Math.min(pixels, start + config.denseChunkPixels);
      // the chunk's temporaries are freed at once; only its logits outlive the scope
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray flat = manager.arange(start, end, 1, DataType.FLOAT32);
        NDArray rows = flat.div(width).floor().reshape(1, -1).repeat(0, batch);
        NDArray cols = flat.sub(flat.div(width).floor().mul(width)).reshape(1, -1).repeat(0, batch);
        NDArray logits =
            classify(parameterStore, sampler, rows, cols, training, params)
                .reshape(batch, end - start, config.numClasses);
        NDScope.unregister(logits);
        chunks.add(logits);
      }
    }
    NDArray all = chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(chunks, 1);
    return all.transpose(0, 2, 1).reshape(batch, config.numClasses, height, width);
  }

  /**
   * Loads ImageNet-pretrained VGG-16 weights with torchvision's names into this initialized block.
   *
   * <p>{@code features.<i>.weight} and {@code .bias} for the 13 convolutions, {@code i} = 0, 2, 5,
   * 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, are required. {@code classifier.0.weight/bias} ({@code
   * 4096 × 25088}, reshaped to fc6's {@code 4096 × 512 × 7 × 7}) and {@code
   * classifier.3.weight/bias} ({@code 4096 × 4096} → fc7's {@code 4096 × 4096 × 1 × 1}) are loaded
   * when present; {@code classifier.6} (ImageNet's 1000 classes) is ignored. Tensors may be F32,
   * F16, BF16 or F64.
   *
   * @return the names of the tensors loaded, in loading order
   * @throws WeightFileException when the file is malformed, a required tensor is missing, a
   *     tensor's shape does not fit this block (named with both shapes), or a tensor holds NaN or
   *     infinite values (named with how many), which would only surface later as divergence
   * @throws IllegalStateException when the block is not initialized yet
   */
  @Override
  public List<String> loadTorchvisionVgg16(Path file) throws WeightFileException {
    if (!isInitialized()) {
      throw new IllegalStateException(
          "initialize PixelNetBlock (block.initialize or trainer.initialize) before loading weights");
    }
    SafetensorsFile weights = SafetensorsFile.open(file);
    List<String> loaded = new ArrayList<>();
    for (int i = 0; i < trunkConvolutions.size(); i++) {
      String prefix = "features." + PixelNet.TORCHVISION_FEATURE_INDICES[i];
      load(weights, prefix, trunkConvolutions.get(i), loaded);
    }
    if (weights.contains("classifier.0.weight")) {
      load(weights, "classifier.0", fc6, loaded);
    }
    if (weights.contains("classifier.3.weight")) {
      load(weights, "classifier.3", fc7, loaded);
    }
    return loaded;
  }

  private static void load(SafetensorsFile weights, String prefix, Conv2d conv, List<String> loaded)
      throws WeightFileException {
    for (String kind : new String[] {"weight", "bias"}) {
      String name = prefix + "." + kind;
      NDArray target = conv.getParameters().get(kind).getArray();
      long[] expected = target.getShape().getShape();
      long[] found = weights.shape(name);
      if (!fits(expected, found)) {
        throw WeightFileException.mismatch(
            weights.path(),
            "tensor '" + name + "' shape",
            Arrays.toString(expected)
                + (expected.length == 4 ? " (or the same flattened after dimension 0)" : ""),
            Arrays.toString(found));
      }
      float[] values = weights.floats(name);
      int nonFinite = 0;
      for (float v : values) {
        nonFinite += Float.isFinite(v) ? 0 : 1;
      }
      if (nonFinite > 0) {
        throw WeightFileException.mismatch(
            weights.path(),
            "tensor '" + name + "'",
            "finite values",
            nonFinite + " of " + values.length + " values NaN or infinite");
      }
      target.set(values);
      loaded.add(name);
    }
  }

  /**
   * Equal shapes, or a fully connected weight {@code (out, in·k·k)} for a conv weight {@code (out,
   * in, k, k)}.
   */
  private static boolean fits(long[] expected, long[] found) {
    if (Arrays.equals(expected, found)) {
      return true;
    }
    return expected.length == 4
        && found.length == 2
        && found[0] == expected[0]
        && found[1] == expected[1] * expected[2] * expected[3];
  }

  @Override
  public String toString() {
    return "PixelNetBlock" + config.toString().substring("PixelNet".length());
  }
}
