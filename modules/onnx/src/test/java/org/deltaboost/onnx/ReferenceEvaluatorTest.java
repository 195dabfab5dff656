package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deltaboost.architectures.AlexNetBn;
import org.deltaboost.architectures.AllConv10;
import org.deltaboost.architectures.Cnn5;
import org.deltaboost.architectures.Mlp;
import org.deltaboost.architectures.PixelNet;
import org.deltaboost.data.core.InputNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw pixels in, right logits out, for every architecture the exporter supports, proven by an
 * evaluator that shares no code with ONNX Runtime or DJL: {@code reference_evaluator.py} (numpy,
 * reading the file with Debian's python3-onnx) executes every node of the exported file, and its
 * logits and probabilities must equal ONNX Runtime's within {@value #TOLERANCE} on random uint8
 * images; ONNX Runtime's must in turn match DJL's on the same images normalized in Java (the parity
 * check). The networks are narrow and their batch-norm statistics, γ and β are set to random values
 * so that every normalization does something; the input normalizations are per channel where the
 * images have colour, so the in-graph Sub and Mul are exercised with distinct constants.
 */
class ReferenceEvaluatorTest {

  private static final double TOLERANCE = 1e-4;
  private static final double TEMPERATURE = 1.7;

  /** Per-channel test values (not a dataset's: those belong to the data loaders). */
  private static final InputNormalization COLOUR =
      new InputNormalization(1.0 / 255, List.of(0.52, 0.41, 0.33), List.of(0.21, 0.26, 0.3));

  @TempDir Path dir;

  @Test
  void mlp() throws Exception {
    Mlp mlp = Mlp.builder().setInputSize(784).setHiddenSizes(32, 16).setOutputSize(10).build();
    check(mlp.block(), new Shape(1, 28, 28), InputNormalization.unitInterval(), 10, "mlp");
  }

  @Test
  void cnn5() throws Exception {
    Cnn5 cnn = Cnn5.builder().setInputChannels(1).setInputSize(28).setWidths(4, 6, 8, 8).build();
    InputNormalization grey = new InputNormalization(1.0 / 255, List.of(0.286), List.of(0.353));
    check(cnn.block(), cnn.inputShape(), grey, 10, "cnn5");
  }

  @Test
  void allConv10() throws Exception {
    AllConv10 net =
        AllConv10.builder().setInputChannels(3).setInputSize(32).setWidths(4, 8).build();
    check(net.block(), net.inputShape(), COLOUR, 10, "allconv10");
  }

  @Test
  void alexNetBn() throws Exception {
    AlexNetBn net =
        AlexNetBn.builder()
            .setInputChannels(3)
            .setInputSize(67)
            .setConvWidths(4, 8, 8, 8, 8)
            .setHiddenUnits(16)
            .setNumClasses(10)
            .build();
    check(net.block(), net.inputShape(), COLOUR, 10, "alexnet-bn");
  }

  @Test
  void pixelNet() throws Exception {
    Block block =
        PixelNet.builder()
            .setStageWidths(4, 4, 4, 4, 4)
            .setFcWidth(8)
            .setFc6Kernel(3)
            .setHeadSizes(6)
            .setNumClasses(3)
            .build()
            .block();
    check(block, new Shape(3, 40, 48), COLOUR, 3, "pixelnet");
  }

  /** An exported float model (the form before pixels) goes through the evaluator as well. */
  @Test
  void theFloatFormAgreesToo() throws Exception {
    Mlp mlp = Mlp.builder().setInputSize(784).setHiddenSizes(16).setOutputSize(10).build();
    Block block = mlp.block();
    Shape sample = new Shape(1, 28, 28);
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(block, manager, sample);
      Path file = dir.resolve("mlp-float.onnx");
      OnnxExporter.builder(block, sample)
          .metadata(metadata(InputNormalization.unitInterval(), 10))
          .input(InputForm.NORMALIZED)
          .build()
          .writeTo(file);
      float[] x = TestNetworks.images(4);
      ByteBuffer bytes = ByteBuffer.allocate(x.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(x);
      ReferenceEvaluator.assumeAvailable();
      ReferenceEvaluator.Outputs reference = ReferenceEvaluator.evaluate(file, bytes.array(), dir);
      try (OnnxModel model = OnnxModel.load(file)) {
        assertEquals(InputForm.NORMALIZED, model.inputForm());
        float[][] logits = model.run(x, 4, 1, 28, 28).logits();
        assertClose(flat(logits), reference.values().get(OnnxExporter.LOGITS), "mlp float");
      }
      assertTrue(!reference.operators().contains("Cast"), reference.operators().toString());
    }
  }

  /** An operator it does not implement stops the evaluator, naming it: it never skips a node. */
  @Test
  void theEvaluatorRefusesAnOperatorItDoesNotImplement() throws Exception {
    Mlp mlp = Mlp.builder().setInputSize(784).setHiddenSizes(8).setOutputSize(10).build();
    Block block = mlp.block();
    Shape sample = new Shape(1, 28, 28);
    Path file = dir.resolve("mlp.onnx");
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(block, manager, sample);
      OnnxExporter.builder(block, sample)
          .metadata(metadata(InputNormalization.unitInterval(), 10))
          .input(InputForm.PIXELS)
          .build()
          .writeTo(file);
    }
    OnnxMl.ModelProto.Builder model =
        OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file)).toBuilder();
    for (OnnxMl.NodeProto.Builder node : model.getGraphBuilder().getNodeBuilderList()) {
      if (node.getOpType().equals("Relu")) {
        node.setOpType("Elu");
      }
    }
    Path elu = Files.write(dir.resolve("elu.onnx"), model.build().toByteArray());
    ReferenceEvaluator.assumeAvailable();
    Path out = Files.createTempDirectory(dir, "refused");
    PythonOnnxChecker.Result run = ReferenceEvaluator.execute(elu, new byte[784], out);
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.output().contains("unsupported: operator Elu"), run.output());
  }

  private void check(
      Block block, Shape sample, InputNormalization normalization, int classes, String name)
      throws Exception {
    int n = block instanceof org.deltaboost.architectures.DensePrediction ? 2 : 3;
    byte[] pixels = new byte[Math.toIntExact(n * sample.size())];
    new Random(7).nextBytes(pixels);
    long[] shape = new Shape(n).addAll(sample).getShape();
    Path file = dir.resolve(name + ".onnx");
    float[] logits;
    float[] probabilities;
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(block, manager, sample);
      randomizeBatchNorm(block);
      OnnxExporter.builder(block, sample)
          .metadata(metadata(normalization, classes))
          .input(InputForm.PIXELS)
          .probabilities(TEMPERATURE)
          .build()
          .writeTo(file);
      try (OnnxModel model = OnnxModel.load(file)) {
        assertEquals(InputForm.PIXELS, model.inputForm());
        ParityReport parity = ParityChecker.compare(block, model, pixels);
        assertTrue(parity.passed(), name + " against DJL on raw pixels: " + parity);
        if (model.dense()) {
          DenseInferenceResult r = model.runDense(pixels, shape);
          logits = r.logits();
          probabilities = r.probabilities().orElseThrow();
        } else {
          InferenceResult r = model.run(pixels, shape);
          logits = flat(r.logits());
          probabilities = flat(r.probabilities().orElseThrow());
        }
      }
    }
    ReferenceEvaluator.assumeAvailable();
    ReferenceEvaluator.Outputs reference = ReferenceEvaluator.evaluate(file, pixels, dir);
    assertClose(logits, reference.values().get(OnnxExporter.LOGITS), name + " logits");
    assertClose(
        probabilities, reference.values().get(OnnxExporter.PROBABILITIES), name + " probabilities");
    assertTrue(
        reference.operators().containsAll(List.of("Cast", "Div", "Softmax")),
        name + ": " + reference.operators());
    if (!normalization.equals(InputNormalization.unitInterval())) {
      assertTrue(
          reference.operators().containsAll(List.of("Sub", "Mul")),
          name + ": " + reference.operators());
    }
  }

  private static void assertClose(float[] expected, float[] found, String what) {
    assertTrue(found != null, what + ": the evaluator wrote no such output");
    assertEquals(expected.length, found.length, what + ": value count");
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs((double) expected[i] - found[i]));
    }
    assertTrue(max <= TOLERANCE, what + ": max |ONNX Runtime − reference| = " + max);
  }

  private static float[] flat(float[][] rows) {
    int width = rows[0].length;
    float[] out = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * width, width);
    }
    return out;
  }

  private static ExportMetadata metadata(InputNormalization normalization, int classes) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add("class " + i);
    }
    return new ExportMetadata(
        "exp-gb", 0.1, 0, 0, 10, "synthetic", names, normalization, "run-reference");
  }

  /**
   * Sets every batch norm's running mean and β to N(0, 0.3²) draws and its running variance and γ
   * to U(0.5, 1.5) draws, so inference-form normalization is far from the identity.
   */
  private static void randomizeBatchNorm(Block block) {
    Engine.getInstance().setRandomSeed(13);
    for (Pair<String, Parameter> p : block.getParameters()) {
      String key = p.getKey();
      NDArray array = p.getValue().getArray();
      boolean centred = key.endsWith("runningMean") || key.endsWith("beta");
      boolean scale = key.endsWith("runningVar") || key.endsWith("gamma");
      if (centred || scale) {
        try (NDArray draw =
            centred
                ? array.getManager().randomNormal(0, 0.3f, array.getShape(), array.getDataType())
                : array.getManager().randomUniform(0.5f, 1.5f, array.getShape())) {
          array.set(draw.toFloatArray());
        }
      }
    }
  }
}
