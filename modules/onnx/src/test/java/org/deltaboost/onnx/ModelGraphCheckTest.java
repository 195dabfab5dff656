package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model ONNX Runtime would crash on, or run although deltaboost never writes it, is refused by
 * {@link OnnxModel#load} with one line before the runtime sees it; deltaboost's own exports still
 * load.
 */
class ModelGraphCheckTest {
  private static final String SEEDS = "OnnxModelFuzzTestInputs/modelFile/";

  @TempDir Path dir;

  @Test
  void aConvStrideOfZeroIsRefusedInsteadOfKillingTheProcess() throws Exception {
    // found by the fuzzer: ONNX Runtime's shape inference divides by the stride (SIGFPE)
    Path model = copy("crash-conv-stride-0-sigfpe");
    OnnxException e = assertThrows(OnnxException.class, () -> OnnxModel.load(model));
    assertEquals(
        model + ": node 'Conv_0' (Conv): strides [1, 0] holds 0; each must be at least 1",
        e.getMessage());
  }

  @Test
  void everyWindowAttributeIsBounded() throws Exception {
    assertRefused(
        conv(a -> a.getName().equals("group") ? a.toBuilder().setI(0).build() : a),
        "group 0; at least 1");
    assertRefused(
        conv(a -> a.getName().equals("dilations") ? ints(a, 1, -1) : a),
        "dilations [1, -1] holds -1; each must be at least 1");
    assertRefused(
        conv(a -> a.getName().equals("pads") ? ints(a, 0, 0, -2, 0) : a),
        "pads [0, 0, -2, 0] holds -2; each must be at least 0");
    assertRefused(
        conv(a -> a.getName().equals("kernel_shape") ? ints(a, 3, 3, 3, 3, 3, 3, 3, 3, 3) : a),
        "kernel_shape lists 9 values");
  }

  @Test
  void anOperatorDeltaboostNeverWritesIsRefused() throws Exception {
    assertRefused(
        edit(m -> node(m, n -> n.toBuilder().setOpType("Loop").build())),
        "(Loop): an operator deltaboost never exports");
    assertRefused(
        edit(m -> node(m, n -> n.toBuilder().setDomain("com.microsoft").build())),
        "operator domain 'com.microsoft'");
  }

  @Test
  void bytesThatAreNoModelAreRefused() throws Exception {
    Path model = Files.write(dir.resolve("noise.onnx"), new byte[] {(byte) 0xff, 1, 2, 3});
    OnnxException e = assertThrows(OnnxException.class, () -> OnnxModel.load(model));
    assertTrue(e.getMessage().startsWith(model + ": not an ONNX model: "), e.getMessage());
  }

  @Test
  void deltaboostsOwnExportsStillLoad() throws Exception {
    for (String seed :
        List.of("valid-conv-1x5x5-2", "valid-conv-pixels-1x5x5-2", "valid-linear-4-3")) {
      try (OnnxModel model = OnnxModel.load(copy(seed))) {
        assertFalse(model.toString().isEmpty());
      }
    }
  }

  private void assertRefused(Path model, String reason) {
    OnnxException e = assertThrows(OnnxException.class, () -> OnnxModel.load(model));
    assertTrue(e.getMessage().startsWith(model + ": node '"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static OnnxMl.AttributeProto ints(OnnxMl.AttributeProto a, long... values) {
    OnnxMl.AttributeProto.Builder b = a.toBuilder().clearInts();
    for (long v : values) {
      b.addInts(v);
    }
    return b.build();
  }

  /** The valid convolution seed with the Conv node's attributes edited. */
  private Path conv(UnaryOperator<OnnxMl.AttributeProto> attribute) throws IOException {
    return edit(
        m ->
            node(
                m,
                n -> {
                  if (!n.getOpType().equals("Conv")) {
                    return n;
                  }
                  OnnxMl.NodeProto.Builder b = n.toBuilder().clearAttribute();
                  n.getAttributeList().forEach(a -> b.addAttribute(attribute.apply(a)));
                  return b.build();
                }));
  }

  private static OnnxMl.ModelProto node(
      OnnxMl.ModelProto model, UnaryOperator<OnnxMl.NodeProto> edit) {
    OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder().clearNode();
    model.getGraph().getNodeList().forEach(n -> graph.addNode(edit.apply(n)));
    return model.toBuilder().setGraph(graph).build();
  }

  private Path edit(UnaryOperator<OnnxMl.ModelProto> edit) throws IOException {
    OnnxMl.ModelProto model =
        OnnxMl.ModelProto.parseFrom(Files.readAllBytes(copy("valid-conv-1x5x5-2")));
    return Files.write(
        Files.createTempFile(dir, "edited", ".onnx"), edit.apply(model).toByteArray());
  }

  private Path copy(String seed) throws IOException {
    Path file = dir.resolve(seed + ".onnx");
    if (!Files.exists(file)) {
      try (InputStream in = ModelGraphCheckTest.class.getResourceAsStream(SEEDS + seed)) {
        Files.copy(in, file);
      }
    }
    return file;
  }
}
