package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PixelScaleTest {

  @Test
  void everySampleValueScalesToTheSameFloatAsTheDivision() {
    for (int v = 0; v < 256; v++) {
      byte sample = (byte) v;
      assertEquals(
          Float.floatToIntBits((sample & 0xFF) / 255f),
          Float.floatToIntBits(PixelScale.of(sample)),
          "sample " + v);
    }
  }

  @Test
  void copyScalesTheRangeIntoItsPlaceAndLeavesTheRestAlone() {
    byte[] src = {9, 0, (byte) 255, (byte) 128, 1, 7};
    float[] dst = {-1, -1, -1, -1, -1};
    PixelScale.copy(src, 1, dst, 1, 3);
    assertArrayEquals(new float[] {-1, 0f, 1f, 128 / 255f, -1}, dst);
  }

  @Test
  void rangesOutsideEitherArrayAreRefused() {
    byte[] src = new byte[4];
    float[] dst = new float[4];
    assertThrows(IndexOutOfBoundsException.class, () -> PixelScale.copy(src, 2, dst, 0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> PixelScale.copy(src, 0, dst, 2, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> PixelScale.copy(src, -1, dst, 0, 1));
  }
}
