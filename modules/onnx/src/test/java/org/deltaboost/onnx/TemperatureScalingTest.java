package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

  /**
   * Two classes, every sample with logits (d, 0), a fraction q labelled 0: NLL(T) = −q·log σ(d/T) −
   * (1−q)·log σ(−d/T), minimal where σ(d/T) = q, i.e. T = d / ln(q / (1 − q)).
   */
  @Test
  void fitMatchesTheClosedFormForConstantLogits() {
    float[][] z = new float[10][];
    int[] y = new int[10];
    for (int i = 0; i < 10; i++) {
      z[i] = new float[] {4, 0};
      y[i] = i < 8 ? 0 : 1;
    }
    assertEquals(4 / Math.log(0.8 / 0.2), TemperatureScaling.fit(z, y), 1e-5);
  }

  @Test
  void perfectSeparationRunsToTheSmallestTemperature() {
    float[][] z = {{1, 0}, {0, 1}};
    assertEquals(
        TemperatureScaling.MIN_TEMPERATURE, TemperatureScaling.fit(z, new int[] {0, 1}), 1e-8);
  }

  @Test
  void negativeLogLikelihoodOfEqualLogitsIsLogOfTheClassCount() {
    float[][] z = {{3, 3, 3}, {-1, -1, -1}};
    assertEquals(
        Math.log(3), TemperatureScaling.negativeLogLikelihood(z, new int[] {0, 2}, 1), 1e-12);
    // (2, 0) at T = 2: −log(e / (e + 1))
    assertEquals(
        -Math.log(Math.E / (Math.E + 1)),
        TemperatureScaling.negativeLogLikelihood(new float[][] {{2, 0}}, new int[] {0}, 2),
        1e-12);
  }

  @Test
  void probabilitiesAreSoftmaxOverTemperature() {
    float[][] p = TemperatureScaling.probabilities(new float[][] {{2, 0, 0}}, 2);
    double e = Math.E;
    assertEquals(e / (e + 2), p[0][0], 1e-7);
    assertEquals(1 / (e + 2), p[0][1], 1e-7);
  }

  /**
   * Labels drawn from σ(u), logits 5u: the model is over-confident by exactly 5, so the fitted T is
   * near 5 and calibration improves.
   */
  @Test
  void overconfidentLogitsAreCooledToTheirTrueScale() {
    Random random = new Random(17);
    int n = 20_000;
    float[][] z = new float[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double u = 2 * random.nextGaussian();
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-u)) ? 0 : 1;
      z[i] = new float[] {(float) (5 * u), 0};
    }
    float[][] zHalf = java.util.Arrays.copyOfRange(z, 0, n / 2);
    int[] yHalf = java.util.Arrays.copyOfRange(y, 0, n / 2);
    TemperatureScaling.Calibration c =
        TemperatureScaling.calibrate(
            zHalf,
            yHalf,
            java.util.Arrays.copyOfRange(z, n / 2, n),
            java.util.Arrays.copyOfRange(y, n / 2, n),
            15);
    assertEquals(5, c.temperature(), 0.5);
    assertTrue(c.eceAfter() < c.eceBefore() / 3, c.toString());
    assertTrue(c.nllAfter() < c.nllBefore(), c.toString());
  }

  @Test
  void malformedInputsAreNamed() {
    IllegalArgumentException a =
        assertThrows(
            IllegalArgumentException.class,
            () -> TemperatureScaling.fit(new float[][] {{1, 2}, {1}}, new int[] {0, 0}));
    assertTrue(a.getMessage().contains("row 1"), a.getMessage());
    IllegalArgumentException b =
        assertThrows(
            IllegalArgumentException.class,
            () -> TemperatureScaling.fit(new float[][] {{1, 2}}, new int[] {2}));
    assertTrue(b.getMessage().contains("label 2"), b.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TemperatureScaling.fit(new float[][] {{1, Float.NaN}}, new int[] {0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> TemperatureScaling.fit(new float[][] {{1, 2}}, new int[] {0, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> TemperatureScaling.probabilities(new float[][] {{1, 2}}, -1));
  }
}
