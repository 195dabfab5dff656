package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Transform;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputNormalizationTest {

  private static final InputNormalization CIFAR_LIKE =
      new InputNormalization(
          1.0 / 255, List.of(0.4914, 0.4822, 0.4465), List.of(0.247, 0.243, 0.261));

  /**
   * Two 3×1×2 images. Channel 0 holds 0, 255, 0, 255: x ∈ {0, 1}, mean ½, std ½. Channel 1 holds 0,
   * 0, 0, 255: mean ¼, variance ¼ − 1/16 = 3/16. Channel 2 holds 51, 102, 153, 204: x ∈ {0.2, 0.4,
   * 0.6, 0.8}, mean ½, variance (0.04 + 0.16 + 0.36 + 0.64)/4 − ¼ = 0.05.
   */
  @Test
  void closedFormsOfASmallSet() {
    byte[] pixels = {
      0,
      (byte) 255,
      0,
      0,
      51,
      102, // image 0: c0, c1, c2 planes of 2 pixels
      0,
      (byte) 255,
      0,
      (byte) 255,
      (byte) 153,
      (byte) 204
    };
    ImageClassificationSet set =
        new ImageClassificationSet("s", pixels, new int[] {0, 1}, 3, 1, 2, List.of("a", "b"));
    InputNormalization stats = InputNormalization.of(set);
    assertEquals(1.0 / 255, stats.pixelScale());
    assertEquals(3, stats.mean().size());
    assertEquals(0.5, stats.mean().get(0), 1e-12);
    assertEquals(0.5, stats.std().get(0), 1e-12);
    assertEquals(0.25, stats.mean().get(1), 1e-12);
    assertEquals(Math.sqrt(3.0 / 16), stats.std().get(1), 1e-12);
    assertEquals(0.5, stats.mean().get(2), 1e-12);
    assertEquals(Math.sqrt(0.05), stats.std().get(2), 1e-12);
  }

  @Test
  void aConstantChannelCannotBeNormalized() {
    ImageClassificationSet set =
        new ImageClassificationSet("flat", new byte[] {7, 7}, new int[] {0}, 1, 1, 2, List.of("a"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> InputNormalization.of(set));
    assertEquals(
        "channel 0: expected a finite mean and a positive finite deviation, found mean "
            + 7 / 255.0
            + ", std 0.0",
        e.getMessage());
  }

  @Test
  void isAValue() {
    InputNormalization a = new InputNormalization(1.0 / 255, List.of(0.5), List.of(0.25));
    assertEquals(a, new InputNormalization(1.0 / 255, List.of(0.5), List.of(0.25)));
    assertEquals(
        a.hashCode(), new InputNormalization(1.0 / 255, List.of(0.5), List.of(0.25)).hashCode());
  }

  @Test
  void normalizationAppliesPerChannel() {
    // (255/255 − 0.4822) / 0.243 for channel 1, by hand
    assertEquals((1 - 0.4822) / 0.243, CIFAR_LIKE.normalize(255, 1), 1e-6);
    float[] x =
        InputNormalization.unitInterval().apply(new byte[] {0, (byte) 255, (byte) 51}, 1, 1, 3);
    assertArrayEquals(new float[] {0f, 1f, 0.2f}, x, 1e-7f);
    assertThrows(IllegalArgumentException.class, () -> CIFAR_LIKE.normalize(1, 3));
    assertThrows(IllegalArgumentException.class, () -> CIFAR_LIKE.apply(new byte[5], 3, 1, 1));
  }

  @Test
  void normalizationTextRoundTripsAndIsValidated() {
    assertEquals(CIFAR_LIKE, InputNormalization.parse(CIFAR_LIKE.toString()));
    assertEquals(
        "pixelScale=0.00392156862745098;mean=0.0;std=1.0",
        InputNormalization.unitInterval().toString());
    assertThrows(IllegalArgumentException.class, () -> InputNormalization.parse("mean=0"));
    assertThrows(
        IllegalArgumentException.class,
        () -> InputNormalization.parse("pixelScale=x;mean=0;std=1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InputNormalization(1, List.of(0.0), List.of(0.0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InputNormalization(0, List.of(0.0), List.of(1.0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InputNormalization(1, List.of(0.0, 1.0), List.of(1.0)));
  }

  /** Two 2×1×1 images of scaled values; channel 0 mean ½ std ¼, channel 1 mean 0.2 std 0.5. */
  @Test
  void standardizeSubtractsAndDividesPerChannelInPlace() {
    InputNormalization n = new InputNormalization(1.0 / 255, List.of(0.5, 0.2), List.of(0.25, 0.5));
    float[] values = {1f, 0.2f, 0f, 1.2f, 9f};
    n.standardize(values, 2, 2, 1);
    // (1 − ½)·4 = 2, (0.2 − 0.2)·2 = 0, (0 − ½)·4 = −2, (1.2 − 0.2)·2 = 2; the fifth is past the
    // two images and stays.
    assertArrayEquals(new float[] {2f, 0f, -2f, 2f, 9f}, values, 1e-6f);
    assertThrows(IllegalArgumentException.class, () -> n.standardize(new float[6], 2, 3, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> n.standardize(new float[3], 2, 2, 1));
  }

  @Test
  void aSingleChannelNormalizationStandardizesEveryChannel() {
    InputNormalization grey = new InputNormalization(1.0 / 255, List.of(0.5), List.of(0.5));
    float[] values = {0f, 0.5f, 1f};
    grey.standardize(values, 1, 3, 1);
    assertArrayEquals(new float[] {-1f, 0f, 1f}, values, 1e-7f);
    float[] unit = {0.25f, -0f};
    InputNormalization.unitInterval().standardize(unit, 1, 2, 1);
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(unit[1]));
  }

  @Test
  void standardizationTransformsABatchOrASingleImageAndRejectsOtherShapes() {
    InputNormalization n = new InputNormalization(1.0 / 255, List.of(0.5, 0.2), List.of(0.25, 0.5));
    Transform transform = n.standardization();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray image = manager.create(new float[] {1f, 0f, 0.2f, 1.2f}, new Shape(2, 1, 2));
      NDArray out = transform.transform(image);
      assertEquals(new Shape(2, 1, 2), out.getShape());
      assertArrayEquals(new float[] {2f, -2f, 0f, 2f}, out.toFloatArray(), 1e-6f);
      assertSame(manager, out.getManager());
      NDArray batch = manager.create(new float[] {1f, 0.2f, 0f, 1.2f}, new Shape(2, 2, 1, 1));
      assertArrayEquals(
          new float[] {2f, 0f, -2f, 2f}, transform.transform(batch).toFloatArray(), 1e-6f);
      NDArray grey = manager.zeros(new Shape(1, 1, 2, 2));
      assertEquals(
          "image batch: expected 2 channels, found shape (1, 1, 2, 2)",
          assertThrows(IllegalArgumentException.class, () -> transform.transform(grey))
              .getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> transform.transform(manager.zeros(new Shape(4))));
    }
  }
}
