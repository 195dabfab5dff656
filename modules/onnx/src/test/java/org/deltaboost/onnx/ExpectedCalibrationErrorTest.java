package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExpectedCalibrationErrorTest {

  private static final float[][] P = {
    {0.85f, 0.15f}, {0.85f, 0.15f}, {0.45f, 0.55f}, {0.25f, 0.75f}
  };
  private static final int[] Y = {0, 1, 1, 1};

  /**
   * Ten bins: (0.8, 0.9] holds two samples, one right, |0.5 − 0.85|·2/4 = 0.175; (0.5, 0.6] one
   * right, |1 − 0.55|/4 = 0.1125; (0.7, 0.8] one right, |1 − 0.75|/4 = 0.0625; total 0.35.
   */
  @Test
  void tenBinsByHand() {
    assertEquals(0.35, ExpectedCalibrationError.of(P, Y, 10), 1e-6);
  }

  /** One bin: accuracy 3/4 and mean confidence (0.85 + 0.85 + 0.55 + 0.75)/4 = 0.75: zero. */
  @Test
  void oneBinByHand() {
    assertEquals(0.0, ExpectedCalibrationError.of(P, Y, 1), 1e-6);
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> ExpectedCalibrationError.of(P, Y, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ExpectedCalibrationError.of(new float[][] {{1.5f, -0.5f}}, new int[] {0}, 10));
  }
}
