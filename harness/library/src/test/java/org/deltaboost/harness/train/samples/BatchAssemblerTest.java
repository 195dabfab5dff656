package org.deltaboost.harness.train.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.PixelScale;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches built in the assembler's reused native buffers hold exactly the requested samples. */
class BatchAssemblerTest {

  private static ImageClassificationSet set;

  @BeforeAll
  static void load() throws Exception {
    EngineSetup.configure();
    set = ((InMemorySamples) DatasetCatalog.load(DatasetCatalog.EMBEDDED, null).test()).images();
  }

  @Test
  void consecutiveBatchesOfAnySizeHoldTheirOwnSamples() {
    BatchAssembler assembler = new BatchAssembler(set, 8);
    int[] order = {17, 3, 250, 9, 41, 1999, 0, 5, 77, 12, 600};
    int size = set.channels() * set.height() * set.width();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int[] batch : new int[][] {{0, 8}, {8, 3}, {2, 5}}) {
        int from = batch[0];
        int n = batch[1];
        try (NDManager step = manager.newSubManager()) {
          NDArray images = assembler.images(step, order, from, n);
          NDArray labels = assembler.labels(step, order, from, n);
          assertEquals(new Shape(n, set.channels(), set.height(), set.width()), images.getShape());
          assertEquals(new Shape(n), labels.getShape());
          float[] expected = new float[n * size];
          float[] expectedLabels = new float[n];
          for (int i = 0; i < n; i++) {
            set.copyScaled(order[from + i], expected, i * size);
            expectedLabels[i] = set.label(order[from + i]);
          }
          assertArrayEquals(expected, images.toFloatArray(), 0f);
          assertArrayEquals(expectedLabels, labels.toFloatArray(), 0f);
        }
      }
    }
  }

  @Test
  void theEngineScalesEveryByteValueToTheSameFloatAsJava() {
    // 4 images of 3 x 13 x 11 samples (odd sizes, so vector bodies and scalar tails both run),
    // together covering every byte value several times.
    int size = 3 * 13 * 11;
    byte[] pixels = new byte[4 * size];
    for (int k = 0; k < pixels.length; k++) {
      pixels[k] = (byte) (k * 7);
    }
    ImageClassificationSet all =
        new ImageClassificationSet(
            "bytes", pixels, new int[] {0, 1, 0, 1}, 3, 13, 11, List.of("a", "b"));
    BatchAssembler assembler = new BatchAssembler(all, 4);
    int[] order = {2, 0, 3, 1};
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] engine = assembler.images(manager, order, 0, 4).toFloatArray();
      for (int i = 0; i < 4; i++) {
        for (int k = 0; k < size; k++) {
          byte sample = pixels[order[i] * size + k];
          assertEquals(
              Float.floatToIntBits(PixelScale.of(sample)),
              Float.floatToIntBits(engine[i * size + k]),
              "byte " + (sample & 0xFF));
        }
      }
    }
  }
}
