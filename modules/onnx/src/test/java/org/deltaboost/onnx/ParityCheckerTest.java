package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import org.deltaboost.architectures.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityCheckerTest {

  @TempDir Path dir;

  @Test
  void detectsAModelThatIsNotTheBlock() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block exported = Mlp.builder().setHiddenSizes(16).build().block();
      TestNetworks.initialize(exported, manager, TestNetworks.MNIST_SAMPLE);
      Path file = TestNetworks.export(exported, dir, "a");
      Block other = Mlp.builder().setHiddenSizes(16).build().block();
      Engine.getInstance().setRandomSeed(99); // different weights
      other.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      try (OnnxModel model = OnnxModel.load(file)) {
        ParityReport same = ParityChecker.compare(exported, model, TestNetworks.images(300));
        assertTrue(same.passed(), same.toString());
        assertEquals(1.0, same.argmaxAgreement());
        ParityReport report = ParityChecker.compare(other, model, TestNetworks.images(300));
        assertFalse(report.passed(), report.toString());
        OnnxException e = assertThrows(OnnxException.class, () -> report.requirePassed("a.onnx"));
        assertTrue(e.getMessage().contains("parity with DJL failed"), e.getMessage());
        assertThrows(
            OnnxException.class, () -> ParityChecker.compare(exported, model, new float[700]));
      }
    }
  }

  @Test
  void thresholdsAreTheIssues() {
    // 1e-4 max |Δ| and 99.9 % identical argmax, at the boundaries
    assertTrue(new ParityReport(1000, 1e-4, 0.999).passed());
    assertFalse(new ParityReport(1000, 1.01e-4, 1.0).passed());
    assertFalse(new ParityReport(1000, 0, 0.998).passed());
  }
}
