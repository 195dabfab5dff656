package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolingProbeTest {

  @TempDir Path dir;

  /**
   * Each row: max?, kernel, stride, padding, ceil, countIncludePad, input side. (DJL 0.36 on
   * PyTorch counts the padding even when asked not to; the probe reports what the block does.)
   */
  @ParameterizedTest
  @CsvSource({
    "true, 2, 2, 0, false, true, 28",
    "true, 3, 2, 0, false, true, 13",
    "true, 3, 2, 1, false, true, 28",
    "true, 3, 1, 1, false, true, 7",
    "true, 2, 2, 0, true, true, 7",
    "false, 2, 2, 0, false, true, 28",
    "false, 3, 2, 1, false, true, 14",
    "false, 3, 2, 1, false, false, 14",
  })
  void recoversTheSettingsTheBlockWasBuiltWith(
      boolean max, long k, long s, long p, boolean ceil, boolean includePad, long side)
      throws Exception {
    Shape kernel = new Shape(k, k);
    Shape stride = new Shape(s, s);
    Shape padding = new Shape(p, p);
    Block pool =
        max
            ? Pool.maxPool2dBlock(kernel, stride, padding, ceil)
            : Pool.avgPool2dBlock(kernel, stride, padding, ceil, includePad);
    Shape in = new Shape(1, 3, side, side);
    Shape out = pool.getOutputShapes(new Shape[] {in})[0];
    try (NDManager manager = NDManager.newBaseManager()) {
      PoolingProbe.Settings found =
          PoolingProbe.find((LambdaBlock) pool, max, in, out, manager, "01LambdaBlock");
      assertArrayEquals(new long[] {k, k}, found.kernel());
      assertArrayEquals(new long[] {s, s}, found.stride());
      assertArrayEquals(new long[] {p, p}, found.padding());
      assertEquals(ceil, found.ceilMode());
      if (!max && p > 0) {
        // On ones, a corner window holds (k-p)² inputs of k² cells: its mean is below 1 exactly
        // when the padding counts. This is what the engine does, whatever the flag asked for.
        float corner =
            pool.forward(
                    new ai.djl.training.ParameterStore(manager, false),
                    new ai.djl.ndarray.NDList(manager.ones(in)),
                    false)
                .singletonOrThrow()
                .getFloat(0, 0, 0, 0);
        assertEquals(corner < 1f, found.countIncludePad(), "corner mean " + corner);
      }
    }
  }

  @Test
  void nonSquareAndOneDimensionalPoolsExportWithParity() throws Exception {
    SequentialBlock net =
        new SequentialBlock()
            .add(Pool.maxPool2dBlock(new Shape(2, 3), new Shape(2, 1), new Shape(0, 1)))
            .add(Pool.avgPool2dBlock(new Shape(3, 2), new Shape(1, 2)))
            .add(ai.djl.nn.Blocks.batchFlattenBlock())
            .add(ai.djl.nn.core.Linear.builder().setUnits(4).build());
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(net, manager, TestNetworks.MNIST_SAMPLE);
      Path file = dir.resolve("pools.onnx");
      OnnxExporter.builder(net, TestNetworks.MNIST_SAMPLE)
          .metadata(TestNetworks.metadata(4))
          .build()
          .writeTo(file);
      try (OnnxModel model = OnnxModel.load(file)) {
        ParityReport report = ParityChecker.compare(net, model, TestNetworks.images(200));
        assertTrue(report.passed(), report.toString());
      }
    }
  }

  @Test
  void outputSizeFollowsPyTorchsRule() {
    // floor((28 + 2 - 3)/2) + 1 = 14; ceil((7 - 2)/2) + 1 = 4, and the 4th window starts at 6 < 7
    assertEquals(14, PoolingProbe.outputSize(28, axis(3, 2, 1), false));
    assertEquals(4, PoolingProbe.outputSize(7, axis(2, 2, 0), true));
    assertEquals(3, PoolingProbe.outputSize(7, axis(2, 2, 0), false));
    // ceil((5 + 2 - 2)/2) + 1 = 4, but the 4th window would start at 3·2 = 6 >= 5 + 1, wholly
    // in the right padding: dropped
    assertEquals(3, PoolingProbe.outputSize(5, axis(2, 2, 1), true));
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape pooled =
          Pool.maxPool2d(
                  manager.zeros(new Shape(1, 1, 5, 5)),
                  new Shape(2, 2),
                  new Shape(2, 2),
                  new Shape(1, 1),
                  true)
              .getShape();
      assertEquals(new Shape(1, 1, 3, 3), pooled, "the engine agrees");
    }
  }

  private static PoolingProbe.Axis axis(long k, long s, long p) {
    return new PoolingProbe.Axis(k, s, p);
  }
}
