package org.deltaboost.harness.cli;

import java.util.Locale;
import org.deltaboost.data.core.InputNormalization;

/**
 * The 8-bit pixels behind images a {@link org.deltaboost.harness.train.samples.SampleSet} served
 * normalized, for a model that takes raw pixels. Every evaluation image is {@code x = normalize(p,
 * c)} of a stored byte {@code p} (decoding, resizing, cropping and padding all happen on bytes),
 * and that map is affine and increasing in {@code p}, so {@code p} is recovered exactly: {@code p =
 * round(255 · (x − x₀) / (x₂₅₅ − x₀))} with {@code x_k = normalize(k, c)} from the set's own {@link
 * InputNormalization}, and each value is checked to lie within a quarter level of {@code x_p}
 * (float rounding is some 10⁻⁷ of a level). A value off every level is refused, never rounded
 * silently.
 */
final class StoredPixels {

  private final InputNormalization normalization;
  private final int channels;
  private final float[][] levels;

  /**
   * @param normalization how the set turned pixels into its images
   * @param channels channels per image
   */
  StoredPixels(InputNormalization normalization, int channels) {
    this.normalization = normalization;
    this.channels = channels;
    this.levels = new float[channels][256];
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < 256; p++) {
        levels[c][p] = normalization.normalize(p, c);
      }
    }
  }

  /**
   * Recovers the pixels of a batch.
   *
   * @param images normalized images, row-major {@code (n, C, H, W)}
   * @param shape {@code (n, C, H, W)}
   * @return the pixels, same order
   * @throws IllegalArgumentException naming the value that is no pixel level
   */
  byte[] of(float[] images, long[] shape) {
    int plane = Math.toIntExact(shape[2] * shape[3]);
    byte[] pixels = new byte[images.length];
    for (int i = 0; i < images.length; i++) {
      int c = (i / plane) % channels;
      float[] level = levels[c];
      double x = images[i];
      double step = (level[255] - (double) level[0]) / 255;
      long p = Math.round((x - level[0]) / step);
      if (p < 0 || p > 255 || !(Math.abs(x - level[(int) p]) <= Math.abs(step) / 4)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "value %s of channel %d at position %d is not an 8-bit pixel under %s: the"
                    + " data are not stored as 8-bit images, use a model exported with"
                    + " --float-input",
                x,
                c,
                i,
                normalization));
      }
      pixels[i] = (byte) p;
    }
    return pixels;
  }
}
