package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvNetExportTest {

  @TempDir Path dir;

  @Test
  void trainedConvBatchNormReluMaxPoolNetHasParity() throws Exception {
    checkTrained(TestNetworks::convNet, "conv");
  }

  @Test
  void mixedLayersHaveParity() throws Exception {
    checkTrained(TestNetworks::mixedNet, "mixed");
  }

  @Test
  void globalAveragePoolHeadHasParity() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      SequentialBlock net = TestNetworks.globalPoolNet();
      TestNetworks.initialize(net, manager, TestNetworks.MNIST_SAMPLE);
      Path file = TestNetworks.export(net, dir, "global");
      try (OnnxModel model = OnnxModel.load(file)) {
        ParityReport report = ParityChecker.compare(net, model, TestNetworks.images(300));
        assertTrue(report.passed(), report.toString());
      }
      checkWithPython(file);
    }
  }

  private void checkTrained(Supplier<SequentialBlock> network, String name) throws Exception {
    try (Model djl = Model.newInstance(name)) {
      djl.setBlock(network.get());
      TestNetworks.initializeAndTrain(djl, 4, 32);
      Block block = djl.getBlock();
      Path file = TestNetworks.export(block, dir, name);
      try (OnnxModel model = OnnxModel.load(file)) {
        ParityReport report = ParityChecker.compare(block, model, TestNetworks.images(600));
        assertEquals(600, report.samples());
        assertTrue(report.passed(), report.toString());
      }
      checkWithPython(file);
    }
  }

  private static void checkWithPython(Path file) {
    PythonOnnxChecker.assumeAvailable();
    PythonOnnxChecker.Result result = PythonOnnxChecker.check(file);
    assertEquals(0, result.exitCode(), result.output());
  }
}
