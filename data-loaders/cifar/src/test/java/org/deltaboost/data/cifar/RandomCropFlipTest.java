package org.deltaboost.data.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomCropFlipTest {
  private static final int C = 2;
  private static final int H = 3;
  private static final int W = 4;

  /** One C×H×W image with distinct values 1..24 (so 0 only ever means padding). */
  private static float[] image() {
    float[] values = new float[C * H * W];
    for (int k = 0; k < values.length; k++) {
      values[k] = k + 1;
    }
    return values;
  }

  /**
   * Every result the recipe allows, built the literal way: zero-pad to (H+2p)×(W+2p), take the
   * window at (top, left), optionally reverse each row.
   */
  private static List<float[]> allCandidates(float[] image, int p, boolean withFlip) {
    List<float[]> out = new ArrayList<>();
    int ph = H + 2 * p;
    int pw = W + 2 * p;
    for (int top = 0; top <= 2 * p; top++) {
      for (int left = 0; left <= 2 * p; left++) {
        for (int f = 0; f <= (withFlip ? 1 : 0); f++) {
          float[] result = new float[C * H * W];
          for (int c = 0; c < C; c++) {
            float[][] padded = new float[ph][pw];
            for (int y = 0; y < H; y++) {
              for (int x = 0; x < W; x++) {
                padded[y + p][x + p] = image[(c * H + y) * W + x];
              }
            }
            for (int y = 0; y < H; y++) {
              float[] row = Arrays.copyOfRange(padded[top + y], left, left + W);
              for (int x = 0; x < W; x++) {
                result[(c * H + y) * W + x] = f == 1 ? row[W - 1 - x] : row[x];
              }
            }
          }
          out.add(result);
        }
      }
    }
    return out;
  }

  private static int indexOf(List<float[]> candidates, float[] result) {
    for (int i = 0; i < candidates.size(); i++) {
      if (Arrays.equals(candidates.get(i), result)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void switchedOffItIsTheIdentity() {
    RandomCropFlip none = RandomCropFlip.builder().optPadding(0).optFlip(false).build();
    float[] batch = new float[2 * C * H * W];
    System.arraycopy(image(), 0, batch, 0, C * H * W);
    System.arraycopy(image(), 0, batch, C * H * W, C * H * W);
    assertArrayEquals(batch, none.apply(batch, 2, C, H, W));
  }

  @Test
  void everyImageIsOneOfThePaddedCropsAndAllOccurEvenly() {
    int p = 1;
    List<float[]> candidates = allCandidates(image(), p, true); // 3·3·2 = 18
    int images = 3600;
    float[] batch = new float[images * C * H * W];
    for (int b = 0; b < images; b++) {
      System.arraycopy(image(), 0, batch, b * C * H * W, C * H * W);
    }
    float[] out =
        RandomCropFlip.builder().optPadding(p).optSeed(42).build().apply(batch, images, C, H, W);
    int[] counts = new int[candidates.size()];
    for (int b = 0; b < images; b++) {
      int k = indexOf(candidates, Arrays.copyOfRange(out, b * C * H * W, (b + 1) * C * H * W));
      assertTrue(k >= 0, "image " + b + " is no padded crop or flip of the input");
      counts[k]++;
    }
    // Expected 200 each; a binomial(3600, 1/18) stays within ±5 sd (≈ ±69) essentially always.
    for (int k = 0; k < counts.length; k++) {
      assertTrue(Math.abs(counts[k] - 200) < 69, "variant " + k + " occurred " + counts[k]);
    }
  }

  @Test
  void flipOnlyMirrorsRowsAndCropOnlyNeverMirrors() {
    float[] in = image();
    List<float[]> flips = allCandidates(in, 0, true);
    RandomCropFlip flipOnly = RandomCropFlip.builder().optPadding(0).optSeed(1).build();
    boolean sawMirror = false;
    for (int i = 0; i < 20; i++) {
      float[] out = flipOnly.apply(in, 1, C, H, W);
      int k = indexOf(flips, out);
      assertTrue(k >= 0);
      sawMirror |= k == 1;
    }
    assertTrue(sawMirror);
    List<float[]> crops = allCandidates(in, 4, false);
    RandomCropFlip cropOnly = RandomCropFlip.builder().optFlip(false).optSeed(1).build();
    for (int i = 0; i < 50; i++) {
      assertTrue(indexOf(crops, cropOnly.apply(in, 1, C, H, W)) >= 0);
    }
  }

  @Test
  void theSameSeedGivesTheSameImages() {
    float[] batch = new float[8 * C * H * W];
    for (int k = 0; k < batch.length; k++) {
      batch[k] = k % 97 + 1;
    }
    float[] a = RandomCropFlip.builder().optSeed(7).build().apply(batch, 8, C, H, W);
    float[] b = RandomCropFlip.builder().optSeed(7).build().apply(batch, 8, C, H, W);
    float[] c = RandomCropFlip.builder().optSeed(8).build().apply(batch, 8, C, H, W);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void rejectsBadArguments() {
    assertEquals(
        "padding: expected 0 (no crop) or more, found -1",
        assertThrows(IllegalArgumentException.class, () -> RandomCropFlip.builder().optPadding(-1))
            .getMessage());
    assertEquals(
        "image batch: expected B×C×H×W = 1×2×3×4 = 24 values, found 23",
        assertThrows(
                IllegalArgumentException.class,
                () -> RandomCropFlip.builder().build().apply(new float[23], 1, C, H, W))
            .getMessage());
  }
}
