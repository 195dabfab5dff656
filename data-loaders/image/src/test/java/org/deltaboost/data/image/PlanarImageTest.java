package org.deltaboost.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlanarImageTest {
  private static PlanarImage row(int... values) {
    byte[] samples = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      samples[i] = (byte) values[i];
    }
    return PlanarImage.of(1, 1, values.length, samples);
  }

  private static int[] values(PlanarImage image) {
    byte[] samples = image.samples();
    int[] out = new int[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = samples[i] & 0xFF;
    }
    return out;
  }

  @Test
  void cropPadsOutsideTheImageWithEachChannelsFill() {
    // 2 channels of 3×3: channel 0 holds 1..9 row by row, channel 1 holds 11..19.
    byte[] samples = new byte[18];
    for (int k = 0; k < 9; k++) {
      samples[k] = (byte) (k + 1);
      samples[9 + k] = (byte) (k + 11);
    }
    PlanarImage image = PlanarImage.of(2, 3, 3, samples);
    // Window rows -1..1, columns 1..3: row -1 and column 3 lie outside.
    PlanarImage window = image.crop(-1, 1, 3, 3, 255, 7);
    assertArrayEquals(
        new int[] {255, 255, 255, 2, 3, 255, 5, 6, 255, 7, 7, 7, 12, 13, 7, 15, 16, 7},
        values(window));
  }

  @Test
  void aWindowEntirelyOutsideIsAllFill() {
    assertArrayEquals(new int[] {9, 9}, values(row(1, 2, 3).crop(0, 5, 1, 2, 9)));
  }

  @Test
  void flipMirrorsEachRow() {
    PlanarImage image = PlanarImage.of(1, 2, 3, new byte[] {1, 2, 3, 4, 5, 6});
    assertArrayEquals(new int[] {3, 2, 1, 6, 5, 4}, values(image.flipHorizontal()));
  }

  @Test
  void bilinearHalvingUsesTheWidenedTriangle() {
    // Scale 2: output 0 has centre 1, inputs 0..2 at distances 0.5, 0.5, 1.5 → weights (halved
    // triangle) 0.75, 0.75, 0.25 (input -1 is outside): (0·.75 + 40·.75 + 80·.25) / 1.75 = 28.57.
    // Output 1 has centre 3, inputs 1..3 → 0.25, 0.75, 0.75: (10 + 60 + 90) / 1.75 = 91.43.
    assertArrayEquals(new int[] {29, 91}, values(row(0, 40, 80, 120).resizeBilinear(1, 2)));
  }

  @Test
  void bilinearDoublingInterpolatesBetweenPixelCentres() {
    // Scale 1/2: centres 0.25, 0.75, 1.25, 1.75 against input centres 0.5, 1.5 (edges clamp).
    assertArrayEquals(new int[] {0, 25, 75, 100}, values(row(0, 100).resizeBilinear(1, 4)));
  }

  @Test
  void bilinearKeepsAConstantImageConstant() {
    byte[] samples = new byte[3 * 5 * 7];
    java.util.Arrays.fill(samples, (byte) 200);
    PlanarImage constant = PlanarImage.of(3, 5, 7, samples);
    for (int[] size : new int[][] {{2, 3}, {11, 13}, {5, 1}}) {
      PlanarImage resized = constant.resizeBilinear(size[0], size[1]);
      assertEquals(3 * size[0] * size[1], resized.size());
      for (int v : values(resized)) {
        assertEquals(200, v);
      }
    }
  }

  @Test
  void bilinearComputesTheFormulaSampleForSample() {
    // shrinking by non-integer and integer factors, enlarging, one axis each way, a single row;
    // every tap count from 2 (enlarging) to 7 has its own horizontal call, 20 (shrinking by 10)
    // takes the general one
    int[][] sizes = {
      {37, 53, 11, 17}, {64, 48, 32, 24}, {9, 13, 20, 31}, {30, 20, 45, 7}, {1, 40, 1, 13},
      {20, 30, 16, 24}, {20, 30, 13, 19}, {20, 60, 10, 24}, {20, 60, 10, 20}, {90, 100, 9, 10}
    };
    SplittableRandom random = new SplittableRandom(3);
    for (int channels : new int[] {3, 1}) {
      for (int[] size : sizes) {
        byte[] samples = new byte[channels * size[0] * size[1]];
        random.nextBytes(samples);
        PlanarImage image = PlanarImage.of(channels, size[0], size[1], samples);
        assertEquals(
            ReferenceBilinear.resize(image, size[2], size[3]),
            image.resizeBilinear(size[2], size[3]),
            channels + " channels, " + java.util.Arrays.toString(size));
      }
    }
  }

  @Test
  void theOrderOfThePassesChangesRoundingOnly() {
    // A smooth photo-like image shrunk as the ImageNet pipeline does (shorter side 375 -> 256):
    // the two orders add the same products in float in another order, so an output can move
    // across a rounding boundary, by 1, and rarely.
    int height = 375;
    int width = 500;
    byte[] samples = new byte[3 * height * width];
    SplittableRandom random = new SplittableRandom(5);
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double smooth = 100 * Math.sin(x * 0.05 + c) * Math.cos(y * 0.03);
          samples[(c * height + y) * width + x] = (byte) (128 + smooth + random.nextInt(20));
        }
      }
    }
    PlanarImage image = PlanarImage.of(3, height, width, samples);
    byte[] vertical = image.resizeBilinear(256, 341).samples();
    byte[] horizontal = ReferenceBilinear.resizeHorizontalFirst(image, 256, 341).samples();
    int differing = 0;
    for (int i = 0; i < vertical.length; i++) {
      int difference = Math.abs((vertical[i] & 0xFF) - (horizontal[i] & 0xFF));
      assertTrue(difference <= 1, "sample " + i + " differs by " + difference);
      differing += difference;
    }
    assertTrue(differing < vertical.length / 10_000, differing + " of " + vertical.length);
  }

  @Test
  void aResizedCropIsTheCropOfTheResize() {
    SplittableRandom random = new SplittableRandom(4);
    byte[] samples = new byte[3 * 75 * 100];
    random.nextBytes(samples);
    PlanarImage image = PlanarImage.of(3, 75, 100, samples);
    PlanarImage resized = ReferenceBilinear.resize(image, 36, 48);
    for (int[] window :
        new int[][] {{0, 0, 36, 48}, {0, 0, 32, 32}, {4, 16, 32, 32}, {35, 47, 1, 1}}) {
      assertEquals(
          resized.crop(window[0], window[1], window[2], window[3], 0, 0, 0),
          image.resizeBilinearCrop(
              new ResizedCrop(36, 48, window[0], window[1], window[2], window[3])),
          java.util.Arrays.toString(window));
    }
    // unresized: only the crop
    assertEquals(
        image.crop(5, 6, 7, 8, 0, 0, 0),
        image.resizeBilinearCrop(new ResizedCrop(75, 100, 5, 6, 7, 8)));
  }

  @Test
  void aResizedCropLiesInsideTheResizedImage() {
    assertEquals(
        "resized crop: expected the 32×32 window at (5, 0) inside 36×48",
        assertThrows(IllegalArgumentException.class, () -> new ResizedCrop(36, 48, 5, 0, 32, 32))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ResizedCrop(36, 48, 0, -1, 32, 32));
    assertThrows(IllegalArgumentException.class, () -> new ResizedCrop(36, 48, 0, 0, 0, 32));
  }

  @Test
  void nearestPicksTheSampleUnderEachCentre() {
    // Scale 2: centres 1 and 3 → inputs 1 and 3. Scale 1/2: floor(0.25, 0.75, 1.25, 1.75).
    assertArrayEquals(new int[] {20, 255}, values(row(10, 20, 30, 255).resizeNearest(1, 2)));
    assertArrayEquals(new int[] {10, 10, 255, 255}, values(row(10, 255).resizeNearest(1, 4)));
  }

  @Test
  void copiesScaleOrKeepTheSamples() {
    PlanarImage image = row(0, 51, 255);
    float[] scaled = new float[5];
    image.copyScaled(scaled, 2);
    assertArrayEquals(new float[] {0, 0, 0, 0.2f, 1}, scaled);
    float[] raw = new float[3];
    image.copyValues(raw, 0);
    assertArrayEquals(new float[] {0, 51, 255}, raw);
  }

  @Test
  void rejectsInconsistentShapes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlanarImage.of(3, 2, 2, new byte[11]));
    assertEquals("samples: expected C×H×W = 3×2×2 = 12, found 11", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> row(1, 2).crop(0, 0, 1, 1, 0, 0));
  }
}
