package org.deltaboost.data.core;

import java.util.Objects;

/**
 * 8-bit samples to floats in {@code [0, 1]}: {@code v = (sample & 0xFF) / 255f}.
 *
 * <p>The 256 possible quotients are computed once, with that very division, and a sample is scaled
 * by looking its value up: the same floats as dividing every sample, without a float division per
 * sample (which the JIT does not vectorize for byte inputs).
 *
 * <p>This is the scale step of {@link InputNormalization} at {@code pixelScale = 1/255}; its mean
 * and deviation are applied to these values by {@link InputNormalization#standardize}.
 */
public final class PixelScale {

  private static final float[] SCALED = new float[256];

  static {
    for (int v = 0; v < SCALED.length; v++) {
      SCALED[v] = v / 255f;
    }
  }

  private PixelScale() {}

  /** Returns {@code (sample & 0xFF) / 255f}. */
  public static float of(byte sample) {
    return SCALED[sample & 0xFF];
  }

  /**
   * Writes {@code length} samples from {@code src[srcOffset...]} scaled to {@code [0, 1]} into
   * {@code dst[dstOffset...]}.
   *
   * @throws IndexOutOfBoundsException when either range does not fit its array
   */
  public static void copy(byte[] src, int srcOffset, float[] dst, int dstOffset, int length) {
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    for (int k = 0; k < length; k++) {
      dst[dstOffset + k] = SCALED[src[srcOffset + k] & 0xFF];
    }
  }
}
