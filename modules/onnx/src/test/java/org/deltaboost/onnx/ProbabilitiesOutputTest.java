package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Optional;
import org.deltaboost.architectures.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbabilitiesOutputTest {

  @TempDir Path dir;

  @Test
  void probabilitiesAreSoftmaxOfLogitsOverTemperature() throws Exception {
    double t = 2.5;
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().setHiddenSizes(64).build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      Path file = dir.resolve("p.onnx");
      OnnxExporter.builder(mlp, TestNetworks.MNIST_SAMPLE)
          .metadata(TestNetworks.metadata())
          .probabilities(t)
          .build()
          .writeTo(file);
      try (OnnxModel model = OnnxModel.load(file)) {
        assertTrue(model.hasProbabilities());
        assertEquals(Optional.of(t), model.temperature());
        InferenceResult r = model.run(TestNetworks.images(50), 50, 1, 28, 28);
        float[][] z = r.logits();
        float[][] p = r.probabilities().orElseThrow();
        for (int i = 0; i < z.length; i++) {
          // independent softmax in double: e^(z_j/T) / Σ_k e^(z_k/T)
          double sum = 0;
          for (float v : z[i]) {
            sum += Math.exp(v / t);
          }
          int bestP = 0;
          for (int j = 0; j < z[i].length; j++) {
            assertEquals(Math.exp(z[i][j] / t) / sum, p[i][j], 1e-6);
            bestP = p[i][j] > p[i][bestP] ? j : bestP;
          }
          assertEquals(r.predictions()[i], bestP, "argmax never changes");
        }
      }
    }
  }

  @Test
  void withoutTheOptionThereIsNoSecondOutput() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().setHiddenSizes(8).build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      Path file = TestNetworks.export(mlp, dir, "plain");
      try (OnnxModel model = OnnxModel.load(file)) {
        assertFalse(model.hasProbabilities());
        assertEquals(Optional.empty(), model.temperature());
        InferenceResult r = model.run(TestNetworks.images(2), 2, 1, 28, 28);
        assertEquals(Optional.empty(), r.probabilities());
        assertArrayEquals(new int[] {2, 10}, new int[] {r.logits().length, r.logits()[0].length});
      }
    }
  }
}
