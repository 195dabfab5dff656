package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.deltaboost.architectures.AlexNetBn;
import org.deltaboost.architectures.AllConv10;
import org.deltaboost.architectures.Cnn5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convolutional networks of the architectures module, at reduced width, exported and checked
 * for parity; their batch-norm running statistics are first moved by training-mode passes.
 */
class ArchitecturesExportTest {

  @TempDir Path dir;

  @Test
  void cnn5() throws Exception {
    Cnn5 cnn = Cnn5.builder().setInputChannels(1).setInputSize(28).setWidths(4, 6, 8, 8).build();
    check(cnn.block(), cnn.inputShape(), TestNetworks.images(400), "cnn5");
  }

  @Test
  void allConv10() throws Exception {
    AllConv10 net =
        AllConv10.builder().setInputChannels(1).setInputSize(28).setWidths(4, 8).build();
    check(net.block(), net.inputShape(), TestNetworks.images(400), "allconv10");
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
    float[] x;
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      x = m.randomUniform(0f, 1f, new Shape(200).addAll(net.inputShape())).toFloatArray();
    }
    check(net.block(), net.inputShape(), x, "alexnet-bn");
  }

  private void check(Block block, Shape sample, float[] samples, String name) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(block, manager, sample);
      moveRunningStatistics(block, manager, sample);
      Path file = dir.resolve(name + ".onnx");
      OnnxExporter.builder(block, sample).metadata(TestNetworks.metadata()).build().writeTo(file);
      try (OnnxModel model = OnnxModel.load(file)) {
        ParityReport report = ParityChecker.compare(block, model, samples);
        assertEquals(samples.length / sample.size(), report.samples());
        assertTrue(report.passed(), name + ": " + report);
      }
      PythonOnnxChecker.assumeAvailable();
      PythonOnnxChecker.Result result = PythonOnnxChecker.check(file);
      assertEquals(0, result.exitCode(), result.output());
    }
  }

  private static void moveRunningStatistics(Block block, NDManager manager, Shape sample) {
    for (int i = 0; i < 3; i++) {
      try (NDManager m = manager.newSubManager()) {
        block.forward(
            new ParameterStore(m, false),
            new NDList(m.randomNormal(0.5f, 0.3f, new Shape(16).addAll(sample), DataType.FLOAT32)),
            true);
      }
    }
    double moved = 0;
    for (var p : block.getParameters()) {
      if (p.getKey().endsWith("runningMean")) {
        try (NDArray abs = p.getValue().getArray().abs();
            NDArray sum = abs.sum()) {
          moved += sum.getFloat();
        }
      }
    }
    assertTrue(moved > 0, "batch-norm running means still zero");
  }
}
