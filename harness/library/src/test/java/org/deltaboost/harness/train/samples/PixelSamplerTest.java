package org.deltaboost.harness.train.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PixelSamplerTest {

  @Test
  void positionsFallOnLabelledPixelsAndCarryTheirLabels() {
    int h = 4;
    int w = 5;
    float[] masks = new float[2 * h * w];
    Arrays.fill(masks, SampleSet.IGNORED);
    masks[2 * w + 3] = 7; // image 0: one labelled pixel at (2, 3)
    for (int i = 0; i < h * w; i++) {
      masks[h * w + i] = i % 2 == 0 ? 1 : SampleSet.IGNORED; // image 1: every other pixel
    }
    PixelSampler.Sample sample = PixelSampler.sample(masks, 2, h, w, 10, new SplittableRandom(1));
    assertEquals(40, sample.positions().length);
    assertEquals(0, sample.ignored());
    for (int p = 0; p < 10; p++) {
      assertEquals(2, sample.positions()[2 * p]);
      assertEquals(3, sample.positions()[2 * p + 1]);
      assertEquals(7, sample.labels()[p]);
    }
    for (int p = 10; p < 20; p++) {
      int row = (int) sample.positions()[2 * p];
      int col = (int) sample.positions()[2 * p + 1];
      assertTrue(row >= 0 && row < h && col >= 0 && col < w);
      assertEquals(1, sample.labels()[p]);
      assertEquals(0, (row * w + col) % 2);
    }
  }

  @Test
  void anImageWithoutLabelledPixelsYieldsIgnoredRows() {
    float[] masks = new float[3 * 3];
    Arrays.fill(masks, SampleSet.IGNORED);
    PixelSampler.Sample sample = PixelSampler.sample(masks, 1, 3, 3, 6, new SplittableRandom(2));
    assertEquals(6, sample.ignored());
    for (float label : sample.labels()) {
      assertEquals(SampleSet.IGNORED, label);
    }
  }

  @Test
  void theSameGeneratorGivesTheSamePositions() {
    float[] masks = new float[2 * 6 * 6];
    PixelSampler.Sample a = PixelSampler.sample(masks, 2, 6, 6, 8, new SplittableRandom(5));
    PixelSampler.Sample b = PixelSampler.sample(masks, 2, 6, 6, 8, new SplittableRandom(5));
    PixelSampler.Sample c = PixelSampler.sample(masks, 2, 6, 6, 8, new SplittableRandom(6));
    assertEquals(Arrays.toString(a.positions()), Arrays.toString(b.positions()));
    assertNotEquals(Arrays.toString(a.positions()), Arrays.toString(c.positions()));
  }
}
