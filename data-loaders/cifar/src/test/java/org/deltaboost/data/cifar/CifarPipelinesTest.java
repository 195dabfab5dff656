package org.deltaboost.data.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Transform;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.List;
import org.deltaboost.data.core.ImageClassificationDataset;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.InputNormalization;
import org.junit.jupiter.api.Test;

/**
 * The transforms inside DJL, as the harness uses them: through {@link ImageClassificationDataset}.
 */
class CifarPipelinesTest {
  /**
   * Two 3×1×2 images; per channel the four values are: c0 0, 255, 0, 255 (mean ½, std ½); c1 0, 0,
   * 0, 255 (mean ¼, std √(3/16)); c2 51, 102, 153, 204 (mean ½, std √0.05).
   */
  private static final byte[] PIXELS = {
    0, (byte) 255, 0, 0, 51, 102, 0, (byte) 255, 0, (byte) 255, (byte) 153, (byte) 204
  };

  private static final List<Double> MEAN = List.of(0.5, 0.25, 0.5);
  private static final List<Double> STD = List.of(0.5, Math.sqrt(3.0 / 16), Math.sqrt(0.05));

  private static ImageClassificationSet set() {
    return new ImageClassificationSet("s", PIXELS, new int[] {0, 1}, 3, 1, 2, List.of("a", "b"));
  }

  private static float[] firstBatch(ImageClassificationDataset dataset)
      throws IOException, TranslateException {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (Batch batch : dataset.getData(manager)) {
        try (batch) {
          NDArray data = batch.getData().singletonOrThrow();
          assertEquals(new Shape(2, 3, 1, 2), data.getShape());
          return data.toFloatArray();
        }
      }
    }
    throw new AssertionError("no batch");
  }

  @Test
  void evaluationNormalizesWithTheTrainingStatistics() throws Exception {
    InputNormalization stats = InputNormalization.of(set());
    ImageClassificationDataset dataset =
        ImageClassificationDataset.builder(set())
            .setSampling(2, false)
            .optPipeline(CifarPipelines.evaluation(stats))
            .build();
    float[] values = firstBatch(dataset);
    for (int k = 0; k < PIXELS.length; k++) {
      int channel = (k % 6) / 2;
      double expected = ((PIXELS[k] & 0xFF) / 255.0 - MEAN.get(channel)) / STD.get(channel);
      assertEquals(expected, values[k], 1e-5, "value " + k);
    }
  }

  @Test
  void trainingCropsAndFlipsThenNormalizes() throws Exception {
    InputNormalization stats = new InputNormalization(1.0 / 255, MEAN, STD);
    RandomCropFlip augmentation = RandomCropFlip.builder().optPadding(1).optSeed(3).build();
    ImageClassificationDataset dataset =
        ImageClassificationDataset.builder(set())
            .setSampling(2, false)
            .optPipeline(CifarPipelines.training(stats, augmentation))
            .build();
    float[] values = firstBatch(dataset);

    float[] scaled = new float[PIXELS.length];
    for (int k = 0; k < PIXELS.length; k++) {
      scaled[k] = (PIXELS[k] & 0xFF) / 255f;
    }
    float[] expected =
        RandomCropFlip.builder().optPadding(1).optSeed(3).build().apply(scaled, 2, 3, 1, 2);
    stats.standardize(expected, 2, 3, 2);
    assertArrayEquals(expected, values, 1e-6f);
  }

  @Test
  void transformsAcceptASingleImageAndRejectOtherShapes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray image =
          manager.create(new float[] {0.5f, 1f, 0.25f, 0.25f, 0f, 1f}, new Shape(3, 1, 2));
      Transform normalization = new InputNormalization(1.0 / 255, MEAN, STD).standardization();
      float[] out = normalization.transform(image).toFloatArray();
      assertEquals(0f, out[0], 1e-6f);
      assertEquals(1f, out[1], 1e-6f);
      assertEquals((0f - 0.5f) / (float) Math.sqrt(0.05), out[4], 1e-5f);
      NDArray grey = manager.zeros(new Shape(1, 1, 2, 2));
      assertEquals(
          "image batch: expected 3 channels, found shape (1, 1, 2, 2)",
          assertThrows(IllegalArgumentException.class, () -> normalization.transform(grey))
              .getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> RandomCropFlip.builder().build().transform(manager.zeros(new Shape(4))));
    }
  }
}
