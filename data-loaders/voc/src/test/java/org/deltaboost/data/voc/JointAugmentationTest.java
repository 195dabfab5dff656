package org.deltaboost.data.voc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deltaboost.data.image.PlanarImage;
import org.junit.jupiter.api.Test;

class JointAugmentationTest {
  private static int[] values(PlanarImage image) {
    byte[] samples = image.samples();
    int[] out = new int[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = samples[i] & 0xFF;
    }
    return out;
  }

  @Test
  void aSmallImageIsPaddedWithTheMeanColourAndVoid() {
    // Scale 1, crop 3 on a 2×2 image: no draw moves the window; bottom row and right column pad.
    PlanarImage image = PlanarImage.of(3, 2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    PlanarImage mask = PlanarImage.of(1, 2, 2, new byte[] {0, 1, 2, 3});
    JointAugmentation.Pair pair =
        new JointAugmentation(3, 1, 1, false).apply(image, mask, new SplittableRandom(1));
    assertArrayEquals(
        new int[] {
          1, 2, 124, 3, 4, 124, 124, 124, 124, //
          5, 6, 116, 7, 8, 116, 116, 116, 116, //
          9, 10, 104, 11, 12, 104, 104, 104, 104
        },
        values(pair.image()));
    assertArrayEquals(new int[] {0, 1, 255, 2, 3, 255, 255, 255, 255}, values(pair.mask()));
  }

  @Test
  void doublingUsesNearestNeighbourForTheMask() {
    // Scale 2 on a 1×2 mask (1, 2) gives 2×4 (1 1 2 2 / 1 1 2 2); the 4×4 crop pads two void rows.
    PlanarImage image = PlanarImage.of(3, 1, 2, new byte[6]);
    PlanarImage mask = PlanarImage.of(1, 1, 2, new byte[] {1, 2});
    JointAugmentation.Pair pair =
        new JointAugmentation(4, 2, 2, false).apply(image, mask, new SplittableRandom(3));
    assertArrayEquals(
        new int[] {1, 1, 2, 2, 1, 1, 2, 2, 255, 255, 255, 255, 255, 255, 255, 255},
        values(pair.mask()));
  }

  @Test
  void imageAndMaskStayAlignedUnderRandomScaleCropAndFlip() {
    // 32×32 checkerboard of 8×8 blocks: class 1 blocks have red 250, class 2 blocks red 10.
    int n = 32;
    byte[] pixels = new byte[3 * n * n];
    byte[] labels = new byte[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        boolean one = ((y / 8) + (x / 8)) % 2 == 0;
        labels[y * n + x] = (byte) (one ? 1 : 2);
        pixels[y * n + x] = (byte) (one ? 250 : 10);
      }
    }
    PlanarImage image = PlanarImage.of(3, n, n, pixels);
    PlanarImage mask = PlanarImage.of(1, n, n, labels);
    JointAugmentation augmentation = new JointAugmentation(24, 0.5, 1.5, true);
    SplittableRandom random = new SplittableRandom(11);
    int checked = 0;
    boolean sawPadding = false;
    boolean sawFlipOrShift = false;
    for (int trial = 0; trial < 40; trial++) {
      JointAugmentation.Pair pair = augmentation.apply(image, mask, random);
      assertEquals(24, pair.image().height());
      assertEquals(24, pair.mask().width());
      sawFlipOrShift |= pair.mask().sample(0, 0, 0) == 2;
      for (int y = 2; y < 22; y++) {
        for (int x = 2; x < 22; x++) {
          int label = pair.mask().sample(0, y, x);
          if (label == 255) {
            sawPadding = true;
            assertEquals(124, pair.image().sample(0, y, x));
            continue;
          }
          if (!uniformAround(pair.mask(), y, x, label)) {
            continue; // bilinear blends across block edges; nearest does not
          }
          checked++;
          assertEquals(label == 1 ? 250 : 10, pair.image().sample(0, y, x), "trial " + trial);
        }
      }
    }
    assertTrue(checked > 1000, "pixels checked: " + checked);
    assertTrue(sawPadding && sawFlipOrShift);
  }

  private static boolean uniformAround(PlanarImage mask, int y, int x, int label) {
    for (int dy = -2; dy <= 2; dy++) {
      for (int dx = -2; dx <= 2; dx++) {
        if (mask.sample(0, y + dy, x + dx) != label) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void rejectsBadParametersAndMismatchedSizes() {
    assertThrows(IllegalArgumentException.class, () -> new JointAugmentation(0, 1, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new JointAugmentation(8, 2, 1, true));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            JointAugmentation.defaults()
                .apply(
                    PlanarImage.of(3, 2, 2, new byte[12]),
                    PlanarImage.of(1, 2, 3, new byte[6]),
                    new SplittableRandom(0)));
  }
}
