package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltaboost.architectures.Mlp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelInputTest {

  @TempDir static Path dir;
  private static OnnxModel model;

  @BeforeAll
  static void export() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().setHiddenSizes(16).build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      model = OnnxModel.load(TestNetworks.export(mlp, dir, "m"));
    }
  }

  @AfterAll
  static void close() throws Exception {
    model.close();
  }

  @Test
  void nestedAndFlatInputsGiveTheSameLogits() throws Exception {
    float[] flat = TestNetworks.images(3);
    float[][][][] nested = new float[3][1][28][28];
    for (int i = 0; i < flat.length; i++) {
      nested[i / 784][0][(i % 784) / 28][i % 28] = flat[i];
    }
    float[][] a = model.run(flat, 3, 1, 28, 28).logits();
    float[][] b = model.run(nested).logits();
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(a[i], b[i]);
    }
  }

  @Test
  void wrongRankIsNamed() {
    OnnxException e = assertThrows(OnnxException.class, () -> model.run(new float[784], 1, 784));
    assertTrue(
        e.getMessage().contains("input rank: expected 4 (batch, 1, 28, 28), found 2 [1, 784]"),
        e.getMessage());
    OnnxException nested = assertThrows(OnnxException.class, () -> model.run(new float[2][784]));
    assertTrue(nested.getMessage().contains("input rank: expected 4"), nested.getMessage());
  }

  @Test
  void wrongShapeIsNamed() {
    OnnxException e =
        assertThrows(
            OnnxException.class, () -> model.run(new float[2 * 3 * 28 * 28], 2, 3, 28, 28));
    assertTrue(
        e.getMessage()
            .contains(
                "input shape: expected (batch, 1, 28, 28) with batch >= 1, found [2, 3, 28, 28]"),
        e.getMessage());
    assertThrows(OnnxException.class, () -> model.run(new float[0], 0, 1, 28, 28));
  }

  @Test
  void wrongLengthIsNamed() {
    OnnxException e =
        assertThrows(OnnxException.class, () -> model.run(new float[784], 2, 1, 28, 28));
    assertTrue(e.getMessage().contains("expected 1568 values"), e.getMessage());
    assertTrue(e.getMessage().contains("found 784"), e.getMessage());
  }

  @Test
  void wrongTypeIsNamed() {
    OnnxException e = assertThrows(OnnxException.class, () -> model.run(new double[1][1][28][28]));
    assertTrue(e.getMessage().contains("input type: expected float32"), e.getMessage());
    assertTrue(e.getMessage().contains("double[][][][]"), e.getMessage());
    assertThrows(OnnxException.class, () -> model.run((Object) "pixels"));
  }

  @Test
  void raggedArrayIsNamed() {
    float[][][][] ragged = new float[2][1][28][28];
    ragged[1][0][5] = new float[27];
    OnnxException e = assertThrows(OnnxException.class, () -> model.run(ragged));
    assertTrue(e.getMessage().contains("ragged"), e.getMessage());
  }

  @Test
  void missingAndCorruptFilesAreNamed() throws Exception {
    Path missing = dir.resolve("missing.onnx");
    OnnxException a = assertThrows(OnnxException.class, () -> OnnxModel.load(missing));
    assertTrue(a.getMessage().contains(missing.toString()), a.getMessage());
    Path garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {1, 2, 3, 4, 5});
    OnnxException b = assertThrows(OnnxException.class, () -> OnnxModel.load(garbage));
    assertTrue(b.getMessage().startsWith(garbage.toString()), b.getMessage());
  }

  @Test
  void nonFloatModelInputIsRefusedAtLoad() throws Exception {
    // a valid ONNX model, Identity from an int64 input to an int64 "logits"
    OnnxMl.TypeProto int64 =
        OnnxMl.TypeProto.newBuilder()
            .setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder()
                    .setElemType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                    .setShape(
                        OnnxMl.TensorShapeProto.newBuilder()
                            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("n"))
                            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(3))))
            .build();
    OnnxMl.ModelProto proto =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(8)
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
            .setGraph(
                OnnxMl.GraphProto.newBuilder()
                    .setName("ints")
                    .addNode(
                        OnnxMl.NodeProto.newBuilder()
                            .setOpType("Identity")
                            .addInput("input")
                            .addOutput("logits"))
                    .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("input").setType(int64))
                    .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("logits").setType(int64)))
            .build();
    Path file = Files.write(dir.resolve("ints.onnx"), proto.toByteArray());
    OnnxException e = assertThrows(OnnxException.class, () -> OnnxModel.load(file));
    assertTrue(
        e.getMessage().contains("expected a uint8 (pixels) or float32 (normalized) tensor"),
        e.getMessage());
  }

  @Test
  void samplesAndClassCountsBeyondAnIntAreRefusedAtLoad() throws Exception {
    // a sample of 2^32 + 2 values (as many logits, which would wrap to 2 classes as an int), and
    // 65536 × 65536 values per sample, which overflow sampleSize()
    Path wide = Files.write(dir.resolve("wide.onnx"), identity(4294967298L).toByteArray());
    OnnxException e = assertThrows(OnnxException.class, () -> OnnxModel.load(wide));
    assertTrue(e.getMessage().contains("at most 2147483647 values per sample"), e.getMessage());
    Path square = Files.write(dir.resolve("square.onnx"), identity(65536, 65536).toByteArray());
    e = assertThrows(OnnxException.class, () -> OnnxModel.load(square));
    assertTrue(e.getMessage().contains("at most 2147483647 values per sample"), e.getMessage());
  }

  @Test
  void aMetadataKeyWithNulBytesCountsAsAbsent() throws Exception {
    // the fuzzer's find: ONNX Runtime returns such an entry with a null key or value
    OnnxMl.ModelProto.Builder proto =
        OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model.file())).toBuilder();
    for (int i = 0; i < proto.getMetadataPropsCount(); i++) {
      if (proto.getMetadataProps(i).getKey().equals("deltaboost.positive_target")) {
        proto.getMetadataPropsBuilder(i).setKey("deltaboost.p\0\0itive_target");
      }
    }
    Path file = Files.write(dir.resolve("nul-key.onnx"), proto.build().toByteArray());
    try (OnnxModel loaded = OnnxModel.load(file)) {
      OnnxException e = assertThrows(OnnxException.class, loaded::metadata);
      assertTrue(
          e.getMessage().contains("expected key deltaboost.positive_target"), e.getMessage());
    }
  }

  /** A float32 Identity model: input {@code (n, sample…)} straight to {@code logits}. */
  private static OnnxMl.ModelProto identity(long... sample) {
    OnnxMl.TensorShapeProto.Builder shape =
        OnnxMl.TensorShapeProto.newBuilder()
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("n"));
    for (long d : sample) {
      shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    OnnxMl.TypeProto type =
        OnnxMl.TypeProto.newBuilder()
            .setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder()
                    .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                    .setShape(shape))
            .build();
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(
            OnnxMl.GraphProto.newBuilder()
                .setName("identity")
                .addNode(
                    OnnxMl.NodeProto.newBuilder()
                        .setOpType("Identity")
                        .addInput("input")
                        .addOutput("logits"))
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("input").setType(type))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("logits").setType(type)))
        .build();
  }

  @Test
  void describesItself() throws Exception {
    assertArrayEquals(new long[] {1, 28, 28}, model.sampleShape());
    assertEquals(784, model.sampleSize());
    assertEquals(10, model.numClasses());
    assertEquals(TestNetworks.metadata(), model.metadata());
    assertEquals("run-test-1", model.properties().get("deltaboost.run_id"));
  }
}
