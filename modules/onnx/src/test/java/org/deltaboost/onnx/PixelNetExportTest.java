package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltaboost.architectures.PixelNet;
import org.deltaboost.architectures.PixelNetBlock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PixelNet's dense inference exported to ONNX: a reduced-width PixelNet (same layers, narrow),
 * trained one SGD step on sparse pixels so its batch-norm statistics and weights are not their
 * initial values, compared with ONNX Runtime at every pixel of 40×48 images. At that size the taps
 * are 40×48, 20×24, 10×12, 5×6, 2×3 and 1×1, so the Resize factors differ per axis and per tap and
 * include non-integer ones (2→40 rows, 3→48 columns) and the edge clamping.
 */
class PixelNetExportTest {

  private static final Shape SAMPLE = new Shape(3, 40, 48);
  private static final int CLASSES = 3;

  @TempDir static Path dir;
  private static Model model;
  private static PixelNetBlock block;
  private static Path file;
  private static float[] images;

  @BeforeAll
  static void trainOneStepAndExport() throws Exception {
    block =
        PixelNet.builder()
            .setStageWidths(16, 16, 16, 16, 16) // trained: see PixelNet.Builder#setStageWidths
            .setFcWidth(16)
            .setFc6Kernel(3)
            .setHeadSizes(12)
            .setNumClasses(CLASSES)
            .build() // dropout 0.5 and the hypercolumn batch norm kept: both must export
            .block();
    model = Model.newInstance("pixelnet");
    model.setBlock(block);
    Engine.getInstance().setRandomSeed(21);
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build());
    try (Trainer trainer = model.newTrainer(config)) {
      Shape batch = new Shape(2).addAll(SAMPLE);
      Shape pixels = new Shape(2, 16, 2);
      trainer.initialize(batch, pixels);
      try (NDManager m = trainer.getManager().newSubManager()) {
        NDArray positions =
            m.randomInteger(0, 40, pixels, DataType.INT32); // rows and columns both < 40
        NDList inputs = new NDList(m.randomNormal(batch), positions);
        NDArray labels =
            m.randomInteger(0, CLASSES, new Shape(32), DataType.INT32)
                .toType(DataType.FLOAT32, false);
        try (GradientCollector gc = trainer.newGradientCollector()) {
          gc.backward(trainer.getLoss().evaluate(new NDList(labels), trainer.forward(inputs)));
        }
        trainer.step();
      }
    }
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(22);
      images = m.randomNormal(new Shape(5).addAll(SAMPLE)).toFloatArray();
    }
    file = dir.resolve("pixelnet.onnx");
    OnnxExporter.builder(block, SAMPLE)
        .metadata(TestNetworks.metadata(CLASSES))
        .probabilities(1.5)
        .build()
        .writeTo(file);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void batchNormStatisticsMovedInTraining() {
    var keys = block.getParameters().keys();
    var norm = keys.stream().filter(k -> k.endsWith("hypercolumnNorm_runningMean")).toList();
    assertEquals(1, norm.size(), keys.toString());
    try (NDArray abs = block.getParameters().get(norm.get(0)).getArray().abs();
        NDArray sum = abs.sum()) {
      assertTrue(sum.getFloat() > 0, "the hypercolumn running mean is still zero");
    }
  }

  @Test
  void denseLogitsMatchDjlAtEveryPixel() throws Exception {
    try (OnnxModel onnx = OnnxModel.load(file)) {
      assertTrue(onnx.dense());
      assertEquals(CLASSES, onnx.numClasses());
      assertArrayEquals(new long[] {3, 40, 48}, onnx.sampleShape());
      ParityReport report = ParityChecker.compare(block, onnx, images);
      assertEquals(5, report.samples());
      assertEquals(5L * 40 * 48, report.predictions());
      assertTrue(report.passed(), report.toString());
    }
  }

  @Test
  void probabilitiesAreASoftmaxOverClassesAtEachPixel() throws Exception {
    try (OnnxModel onnx = OnnxModel.load(file)) {
      float[] one = java.util.Arrays.copyOf(images, (int) SAMPLE.size());
      DenseInferenceResult result = onnx.runDense(one, 1, 3, 40, 48);
      assertArrayEquals(new long[] {1, CLASSES, 40, 48}, result.shape());
      float[] z = result.logits();
      float[] p = result.probabilities().orElseThrow();
      int pixels = 40 * 48;
      for (int px = 0; px < pixels; px += 97) {
        double norm = 0;
        for (int k = 0; k < CLASSES; k++) {
          norm += Math.exp(z[k * pixels + px] / 1.5);
        }
        for (int k = 0; k < CLASSES; k++) {
          assertEquals(Math.exp(z[k * pixels + px] / 1.5) / norm, p[k * pixels + px], 1e-5);
        }
      }
    }
  }

  @Test
  void passesTheOnnxChecker() {
    PythonOnnxChecker.assumeAvailable();
    PythonOnnxChecker.Result result = PythonOnnxChecker.check(file);
    assertEquals(0, result.exitCode(), result.output());
  }

  /**
   * The coordinate mapping matters and {@code half_pixel} is the sampler's: the same file with the
   * other two common mappings fails the parity check.
   */
  @Test
  void otherResizeCoordinateModesDoNotMatchTheSampler() throws Exception {
    OnnxMl.ModelProto exported = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
    int resizes = 0;
    for (OnnxMl.NodeProto node : exported.getGraph().getNodeList()) {
      if (node.getOpType().equals("Resize")) {
        resizes++;
        assertEquals("", node.getInput(1));
        assertEquals("", node.getInput(2));
      }
    }
    assertEquals(6, resizes, "one Resize per tap");
    for (String mode : new String[] {"align_corners", "asymmetric"}) {
      OnnxMl.ModelProto.Builder changed = exported.toBuilder();
      for (OnnxMl.NodeProto.Builder node : changed.getGraphBuilder().getNodeBuilderList()) {
        for (OnnxMl.AttributeProto.Builder a : node.getAttributeBuilderList()) {
          if (a.getName().equals("coordinate_transformation_mode")) {
            a.setS(com.google.protobuf.ByteString.copyFromUtf8(mode));
          }
        }
      }
      Path other = dir.resolve(mode + ".onnx");
      Files.write(other, changed.build().toByteArray());
      try (OnnxModel onnx = OnnxModel.load(other)) {
        ParityReport report = ParityChecker.compare(block, onnx, images);
        assertFalse(report.passed(), mode + ": " + report);
      }
    }
  }

  @Test
  void denseAndClassifierRunsAreNotInterchangeable() throws Exception {
    try (OnnxModel onnx = OnnxModel.load(file)) {
      OnnxException e =
          assertThrows(OnnxException.class, () -> onnx.run(new float[5760], 1, 3, 40, 48));
      assertTrue(e.getMessage().contains("use runDense"), e.getMessage());
      e = assertThrows(OnnxException.class, () -> onnx.runDense(new float[5760], 1, 3, 40, 40));
      assertTrue(e.getMessage().contains("(batch, 3, 40, 48)"), e.getMessage());
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      var mlp = org.deltaboost.architectures.Mlp.builder().setHiddenSizes(8).build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      try (OnnxModel classifier = OnnxModel.load(TestNetworks.export(mlp, dir, "mlp"))) {
        assertFalse(classifier.dense());
        OnnxException e =
            assertThrows(
                OnnxException.class, () -> classifier.runDense(new float[784], 1, 1, 28, 28));
        assertTrue(e.getMessage().contains("use run"), e.getMessage());
      }
    }
  }

  @Test
  void exportRejectsImagesTooSmallAndTheWrongClassCount() {
    OnnxException small =
        assertThrows(
            OnnxException.class,
            () ->
                OnnxExporter.builder(block, new Shape(3, 16, 48))
                    .metadata(TestNetworks.metadata(CLASSES))
                    .build()
                    .toBytes());
    assertTrue(small.getMessage().contains("(3, 16, 48)"), small.getMessage());
    OnnxException classes =
        assertThrows(
            OnnxException.class,
            () ->
                OnnxExporter.builder(block, SAMPLE)
                    .metadata(TestNetworks.metadata(4))
                    .build()
                    .toBytes());
    assertTrue(classes.getMessage().contains("3 outputs"), classes.getMessage());
  }

  @Test
  void argmaxOverClassesByHand() {
    // (B=1, K=3, H=1, W=4): pixel 0 → class 2, pixel 1 → tie of 0 and 1 → 0, pixel 2 → 1,
    // pixel 3 → all equal → 0
    float[] z = {
      1, 5, 0, 7, // k = 0
      2, 5, 3, 7, // k = 1
      3, 4, 1, 7 // k = 2
    };
    assertArrayEquals(
        new int[] {2, 0, 1, 0}, DenseInferenceResult.argmaxOverClasses(z, new long[] {1, 3, 1, 4}));
  }
}
