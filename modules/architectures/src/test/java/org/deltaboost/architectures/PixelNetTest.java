package org.deltaboost.architectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PixelNetTest {

  /** VGG-16 conv1_1 … conv5_3 with biases (Simonyan &amp; Zisserman's table D, by hand). */
  private static final long VGG16_TRUNK = 14_714_688;

  /**
   * Trunk + fc6 (512·4096·7·7 + 4096) + fc7 (4096·4096 + 4096) + hypercolumn BN (2·5568) + head
   * (5568·4096 + 4096) + (4096·4096 + 4096) + (4096·21 + 21).
   */
  private static final long PAPER_PARAMETERS = 173_949_653;

  @TempDir Path dir;

  /** A PixelNet small enough to run in tests: same layers, narrow. */
  private static PixelNet.Builder reduced() {
    return PixelNet.builder()
        .setStageWidths(4, 8, 8, 16, 16)
        .setFcWidth(16)
        .setFc6Kernel(3)
        .setHeadSizes(16)
        .setNumClasses(3)
        .setDropout(0);
  }

  /**
   * As {@link #reduced}, with every stage 16 wide, for the tests that back-propagate: the engine's
   * AVX-512 convolution computes input gradients of other output-channel counts from uninitialized
   * memory ({@link PixelNet.Builder#setStageWidths}).
   */
  private static PixelNet.Builder trainable() {
    return reduced().setStageWidths(16, 16, 16, 16, 16);
  }

  @Test
  void paperSizesHaveHandCountedParametersAndOutputShapes() {
    PixelNet net = PixelNet.builder().build();
    assertEquals(VGG16_TRUNK, net.trunkParameterCount());
    assertEquals(5568, net.hypercolumnSize());
    assertEquals(PAPER_PARAMETERS, net.parameterCount());
    PixelNetBlock block = net.block();
    // sparse training: 5 images × 2000 pixels (PixelNet's batch) → one row of 21 logits per pixel
    assertEquals(
        new Shape(10_000, 21),
        block.getOutputShapes(new Shape[] {new Shape(5, 3, 224, 224), new Shape(5, 2000, 2)})[0]);
    assertEquals(
        new Shape(1, 21, 224, 224),
        block.getOutputShapes(new Shape[] {new Shape(1, 3, 224, 224)})[0]);
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      assertEquals(PAPER_PARAMETERS, TrainingCheck.trainableParameters(block));
      long trunk = 0;
      for (Pair<String, Block> child : block.getChildren()) {
        if (child.getKey().contains("conv")) {
          trunk += TrainingCheck.trainableParameters(child.getValue());
        }
      }
      assertEquals(VGG16_TRUNK, trunk);
    }
  }

  @Test
  void oneTrainingStepOnSparsePixelsLowersTheLoss() {
    Shape images = new Shape(2, 3, 32, 32);
    Shape pixels = new Shape(2, 8, 2);
    float[] loss =
        TrainingCheck.lossBeforeAndAfterOneStep(
            trainable().build().block(),
            0.05f,
            m ->
                new NDList[] {
                  new NDList(
                      m.randomNormal(images), m.randomInteger(0, 32, pixels, DataType.INT32)),
                  new NDList(
                      m.randomInteger(0, 3, new Shape(16), DataType.INT32)
                          .toType(DataType.FLOAT32, false))
                },
            images,
            pixels);
    assertTrue(loss[1] < loss[0], "loss " + loss[0] + " -> " + loss[1]);
  }

  @Test
  void sparseLossGradientReachesEveryTrunkConvolution() {
    Engine.getInstance().setRandomSeed(5);
    PixelNetBlock block = trainable().build().block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32), new Shape(2, 6, 2));
      NDList inputs =
          new NDList(
              m.randomNormal(new Shape(2, 3, 32, 32)),
              m.randomInteger(0, 32, new Shape(2, 6, 2), DataType.INT32));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits =
            block.forward(new ParameterStore(m, false), inputs, true).singletonOrThrow();
        gc.backward(logits.square().sum());
      }
      for (int i = 0; i < 13; i++) {
        NDArray grad =
            block.trunkConvolution(i).getParameters().get("weight").getArray().getGradient();
        assertTrue(grad.abs().sum().getFloat() > 0, "no gradient at trunk convolution " + i);
      }
    }
  }

  @Test
  void densePredictionEqualsSparsePredictionAtEveryPixelAcrossChunks() {
    Engine.getInstance().setRandomSeed(3);
    // 100-pixel chunks split the 32×40 = 1280 pixels unevenly (13 chunks, the last of 80)
    PixelNetBlock block = reduced().setDenseChunkPixels(100).build().block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 40));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray images = m.randomNormal(new Shape(2, 3, 32, 40));
      NDArray dense = block.forward(ps, new NDList(images), false).singletonOrThrow();
      assertEquals(new Shape(2, 3, 32, 40), dense.getShape());
      int[][] at = {{0, 0}, {31, 39}, {5, 17}, {20, 3}};
      int[] coords = new int[2 * at.length * 2];
      for (int b = 0; b < 2; b++) {
        for (int p = 0; p < at.length; p++) {
          coords[(b * at.length + p) * 2] = at[p][0];
          coords[(b * at.length + p) * 2 + 1] = at[p][1];
        }
      }
      NDArray sparse =
          block
              .forward(ps, new NDList(images, m.create(coords, new Shape(2, at.length, 2))), false)
              .singletonOrThrow();
      assertEquals(new Shape(2 * at.length, 3), sparse.getShape());
      for (int b = 0; b < 2; b++) {
        for (int p = 0; p < at.length; p++) {
          float[] fromDense = dense.get(b + ", :, " + at[p][0] + ", " + at[p][1]).toFloatArray();
          float[] fromSparse = sparse.get(b * at.length + p).toFloatArray();
          assertArrayEquals(
              fromSparse, fromDense, 1e-4f, "image " + b + " pixel " + Arrays.toString(at[p]));
        }
      }
    }
  }

  @Test
  void rejectsPixelsOutsideTheImageAndMalformedInputs() {
    PixelNetBlock block = trainable().build().block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray images = m.randomNormal(new Shape(1, 3, 32, 32));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  block.forward(
                      ps,
                      new NDList(images, m.create(new int[] {3, 32}, new Shape(1, 1, 2))),
                      false));
      assertTrue(e.getMessage().contains("col must lie in [0, 31]"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  block.forward(
                      ps,
                      new NDList(images, m.create(new int[] {1, 2, 3}, new Shape(1, 1, 3))),
                      false));
      assertTrue(e.getMessage().contains("(1, P, 2)"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> block.forward(ps, new NDList(m.zeros(new Shape(1, 3, 16, 32))), false));
      assertTrue(e.getMessage().contains("H >= 32"), e.getMessage());
    }
  }

  @Test
  void loadsTorchvisionNamedWeightsIntoTrunkFc6AndFc7() throws IOException {
    PixelNet net = reduced().build();
    PixelNetBlock block = net.block();
    try (NDManager m = NDManager.newBaseManager()) {
      assertThrows(
          IllegalStateException.class, () -> block.loadTorchvisionVgg16(dir.resolve("any")));
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      SafetensorsFixture file = torchvisionTrunk(net);
      // classifier.0 as torchvision stores it: (out, in·k·k), here (16, 16·3·3), values 0, 1, 2, …
      float[] fc6 = new float[16 * 144];
      for (int i = 0; i < fc6.length; i++) {
        fc6[i] = i;
      }
      file.addF32("classifier.0.weight", new long[] {16, 144}, fc6)
          .addF32("classifier.0.bias", new long[] {16}, new float[16])
          .addF32("classifier.3.weight", new long[] {16, 16}, new float[256])
          .addF32("classifier.3.bias", new long[] {16}, new float[16])
          .addF32("classifier.6.weight", new long[] {3, 16}, new float[48]);
      List<String> loaded = block.loadTorchvisionVgg16(file.write(dir.resolve("vgg.safetensors")));
      assertEquals(30, loaded.size());
      assertEquals("features.28.bias", loaded.get(25));
      // conv i was filled with i + 1 (weights) and −(i + 1) (biases)
      NDArray conv43 = block.trunkConvolution(9).getParameters().get("weight").getArray();
      assertEquals(10f, conv43.max().getFloat());
      assertEquals(10f, conv43.min().getFloat());
      assertEquals(
          -13f, block.trunkConvolution(12).getParameters().get("bias").getArray().getFloat(0));
      // row-major reshape: element [o, c, y, x] = o·144 + c·9 + y·3 + x
      NDArray w6 = block.fc6().getParameters().get("weight").getArray();
      assertEquals(5 * 144 + 7 * 9 + 2 * 3 + 1, w6.getFloat(5, 7, 2, 1));
    }
  }

  @Test
  void weightFilesThatDoNotFitAreNamed() throws IOException {
    PixelNet net = reduced().build();
    PixelNetBlock block = net.block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      // full-width VGG's conv1_1 (64 filters) into a 4-filter block
      Path wide =
          new SafetensorsFixture()
              .addF32("features.0.weight", new long[] {64, 3, 3, 3}, new float[64 * 27])
              .write(dir.resolve("wide.safetensors"));
      WeightFileException e =
          assertThrows(WeightFileException.class, () -> block.loadTorchvisionVgg16(wide));
      assertTrue(
          e.getMessage().contains("features.0.weight")
              && e.getMessage().contains("[4, 3, 3, 3]")
              && e.getMessage().contains("[64, 3, 3, 3]"),
          e.getMessage());
      Path partial =
          new SafetensorsFixture()
              .addF32("features.0.weight", new long[] {4, 3, 3, 3}, new float[4 * 27])
              .write(dir.resolve("partial.safetensors"));
      e = assertThrows(WeightFileException.class, () -> block.loadTorchvisionVgg16(partial));
      assertTrue(e.getMessage().contains("tensor 'features.0.bias'"), e.getMessage());
    }
  }

  @Test
  void nonFiniteWeightsAreRefusedNamingTheTensorAndTheCount() throws IOException {
    PixelNet net = reduced().build();
    PixelNetBlock block = net.block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      SafetensorsFixture file = new SafetensorsFixture();
      float[] w = new float[4 * 27];
      w[3] = Float.NaN;
      w[7] = Float.NEGATIVE_INFINITY;
      file.addF32("features.0.weight", new long[] {4, 3, 3, 3}, w)
          .addF32("features.0.bias", new long[] {4}, new float[4]);
      Path bad = file.write(dir.resolve("nan.safetensors"));
      WeightFileException e =
          assertThrows(WeightFileException.class, () -> block.loadTorchvisionVgg16(bad));
      assertTrue(
          e.getMessage().contains("nan.safetensors")
              && e.getMessage().contains("tensor 'features.0.weight'")
              && e.getMessage().contains("2 of 108 values NaN or infinite"),
          e.getMessage());
    }
  }

  /**
   * Every trunk tensor of {@code net} with torchvision's name, conv i filled with i + 1 / −(i + 1).
   */
  private static SafetensorsFixture torchvisionTrunk(PixelNet net) {
    SafetensorsFixture file = new SafetensorsFixture();
    long in = 3;
    int i = 0;
    for (int stage = 0; stage < 5; stage++) {
      for (int k = 0; k < PixelNet.STAGE_DEPTHS[stage]; k++) {
        long out = net.stageWidths[stage];
        float[] w = new float[(int) (out * in * 9)];
        Arrays.fill(w, i + 1);
        float[] b = new float[(int) out];
        Arrays.fill(b, -(i + 1));
        String prefix = "features." + PixelNet.TORCHVISION_FEATURE_INDICES[i];
        file.addF32(prefix + ".weight", new long[] {out, in, 3, 3}, w)
            .addF32(prefix + ".bias", new long[] {out}, b);
        in = out;
        i++;
      }
    }
    return file;
  }

  @Test
  void parameterNamesAreUniqueSoModelsSaveAndLoad() {
    PixelNetBlock block = trainable().build().block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      List<String> names = block.getParameters().keys();
      assertEquals(names.size(), names.stream().distinct().count());
      assertTrue(block.getParameters().values().stream().allMatch(Parameter::isInitialized));
    }
  }
}
