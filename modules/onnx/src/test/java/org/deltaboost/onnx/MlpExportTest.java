package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.architectures.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpExportTest {

  @TempDir Path dir;

  @Test
  void paperMlpExportsWithParityOnRealImages() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      Path file = TestNetworks.export(mlp, dir, "mlp");
      try (OnnxModel model = OnnxModel.load(file)) {
        assertArrayEquals(new long[] {1, 28, 28}, model.sampleShape());
        assertEquals(10, model.numClasses());
        ParityReport report = ParityChecker.compare(mlp, model, TestNetworks.images(1000));
        assertEquals(1000, report.samples());
        assertTrue(report.passed(), report.toString());
        report.requirePassed(file.toString());
        assertEquals(TestNetworks.metadata(), model.metadata());
      }
    }
  }

  @Test
  void modelDeclaresIr8Opset17DynamicBatchAndNamedInputOutput() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().setHiddenSizes(32).build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      Path file = TestNetworks.export(mlp, dir, "small-mlp");
      OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
      assertEquals(8, proto.getIrVersion());
      assertEquals(1, proto.getOpsetImportCount());
      assertEquals("", proto.getOpsetImport(0).getDomain());
      assertEquals(17, proto.getOpsetImport(0).getVersion());
      OnnxMl.GraphProto graph = proto.getGraph();
      assertEquals(List.of("input"), graph.getInputList().stream().map(v -> v.getName()).toList());
      assertEquals(
          List.of("logits"), graph.getOutputList().stream().map(v -> v.getName()).toList());
      OnnxMl.TensorShapeProto in = graph.getInput(0).getType().getTensorType().getShape();
      assertEquals("batch", in.getDim(0).getDimParam());
      assertEquals(
          List.of(1L, 28L, 28L),
          in.getDimList().subList(1, 4).stream().map(d -> d.getDimValue()).toList());
      OnnxMl.TensorShapeProto out = graph.getOutput(0).getType().getTensorType().getShape();
      assertEquals("batch", out.getDim(0).getDimParam());
      assertEquals(10, out.getDim(1).getDimValue());
      // flatten, (Gemm, Relu) for the hidden layer, Gemm for the output, Identity to "logits"
      assertEquals(
          List.of("Flatten", "Gemm", "Relu", "Gemm", "Identity"),
          graph.getNodeList().stream().map(n -> n.getOpType()).toList());
      // 784·32 + 32 + 32·10 + 10 weights, counted by hand
      long weights =
          graph.getInitializerList().stream()
              .mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b))
              .sum();
      assertEquals(784 * 32 + 32 + 32 * 10 + 10, weights);
    }
  }

  @Test
  void passesDebiansFullChecker() throws Exception {
    PythonOnnxChecker.assumeAvailable();
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      Path file = dir.resolve("mlp-probabilities.onnx");
      OnnxExporter.builder(mlp, TestNetworks.MNIST_SAMPLE)
          .metadata(TestNetworks.metadata())
          .probabilities(1.7)
          .build()
          .writeTo(file);
      PythonOnnxChecker.Result result = PythonOnnxChecker.check(file);
      assertEquals(0, result.exitCode(), result.output());
    }
  }
}
