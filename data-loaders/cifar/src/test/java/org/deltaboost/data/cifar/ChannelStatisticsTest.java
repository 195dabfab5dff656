package org.deltaboost.data.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deltaboost.data.core.ImageClassificationSet;
import org.junit.jupiter.api.Test;

class ChannelStatisticsTest {
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
    ChannelStatistics stats = ChannelStatistics.of(set);
    assertEquals(3, stats.channels());
    assertEquals(0.5, stats.mean(0), 1e-12);
    assertEquals(0.5, stats.std(0), 1e-12);
    assertEquals(0.25, stats.mean(1), 1e-12);
    assertEquals(Math.sqrt(3.0 / 16), stats.std(1), 1e-12);
    assertEquals(0.5, stats.mean(2), 1e-12);
    assertEquals(Math.sqrt(0.05), stats.std(2), 1e-12);
  }

  @Test
  void aConstantChannelCannotBeNormalized() {
    ImageClassificationSet set =
        new ImageClassificationSet("flat", new byte[] {7, 7}, new int[] {0}, 1, 1, 2, List.of("a"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChannelStatistics.of(set));
    assertEquals(
        "channel 0: expected a finite mean and a positive finite deviation, found mean "
            + 7 / 255.0
            + ", std 0.0",
        e.getMessage());
  }

  @Test
  void isAValue() {
    ChannelStatistics a = new ChannelStatistics(new double[] {0.5}, new double[] {0.25});
    assertEquals(a, new ChannelStatistics(new double[] {0.5}, new double[] {0.25}));
    assertEquals(
        a.hashCode(), new ChannelStatistics(new double[] {0.5}, new double[] {0.25}).hashCode());
    assertEquals("ChannelStatistics[mean=[0.5], std=[0.25]]", a.toString());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ChannelStatistics(new double[] {0.5, 0.5}, new double[] {0.25}));
  }
}
