package org.deltaboost.data.image;

import java.util.Arrays;

/**
 * Both passes of {@link PlanarImage}'s bilinear resampling over a window of the output, horizontal
 * first, in float, rounded once: output {@code (y, x)} is {@code Σ_k v_k · (Σ_j h_j · in_j)} with
 * the {@link BilinearWeights} of its row and column, each sum added in order {@code k, j = 0, 1,
 * …}, then rounded half up and clamped to 0..255.
 *
 * <p>An input row is filtered horizontally when the first output row needs it, into a ring of the
 * last {@code vertical.taps} rows, so the intermediate stays a few kilobytes however large the
 * image; only the rows and columns the window needs are read. The input comes a row at a time from
 * a {@link Rows}, so a decoder can hand its pixels over in its own layout.
 */
final class BilinearResampling {
  /** An image's rows, read as floats. */
  interface Rows {
    /**
     * @param row the row
     * @param x0 its first column wanted
     * @param count the columns wanted, all inside the image
     * @param lines one array per channel, each to receive samples {@code x0 … x0 + count − 1} at
     *     {@code 0 … count − 1}
     */
    void read(int row, int x0, int count, float[][] lines);
  }

  private final BilinearWeights vertical;
  private final BilinearWeights horizontal;

  /**
   * @param vertical the weights of the window's rows
   * @param horizontal the weights of the window's columns
   */
  BilinearResampling(BilinearWeights vertical, BilinearWeights horizontal) {
    this.vertical = vertical;
    this.horizontal = horizontal;
  }

  /**
   * @param channels the input's channels
   * @param height the input's rows
   * @param width the input's columns
   * @param rows the input
   * @return the window, C×H×W
   */
  PlanarImage apply(int channels, int height, int width, Rows rows) {
    int outHeight = vertical.first.length;
    int outWidth = horizontal.first.length;
    int y0 = vertical.first[0];
    int x0 = horizontal.first[0];
    int taps = vertical.taps;
    // The padded end of a line or of the ring is never written: zeros or a finite earlier row,
    // both multiplied by zero weights only.
    float[][] lines = new float[channels][horizontal.span()];
    int count = Math.min(horizontal.span(), width - x0);
    float[][] ring = new float[channels * taps][outWidth];
    float[] sums = new float[outWidth];
    byte[] out = new byte[channels * outHeight * outWidth];
    int filtered = y0; // the next input row to filter
    for (int y = 0; y < outHeight; y++) {
      int first = vertical.first[y];
      for (int row = Math.max(filtered, first); row < Math.min(first + taps, height); row++) {
        rows.read(row, x0, count, lines);
        int slot = (row - y0) % taps;
        if (channels == 3) {
          filterRgb(lines, ring[slot], ring[taps + slot], ring[2 * taps + slot]);
        } else {
          for (int c = 0; c < channels; c++) {
            filter(lines[c], ring[c * taps + slot]);
          }
        }
        filtered = row + 1;
      }
      for (int c = 0; c < channels; c++) {
        // Row by row (contiguous, vectorisable); each sum still adds its terms in order k = 0, 1, …
        Arrays.fill(sums, 0f);
        for (int k = 0; k < taps; k++) {
          float weight = vertical.weights[y * taps + k];
          float[] source = ring[c * taps + (first + k - y0) % taps];
          for (int x = 0; x < outWidth; x++) {
            sums[x] += weight * source[x];
          }
        }
        int base = (c * outHeight + y) * outWidth;
        for (int x = 0; x < outWidth; x++) {
          // Math.round for the sums here (0 ≤ sum < 2^24): x + ½ is exact in double
          out[base + x] = (byte) Math.min(255, (int) (sums[x] + 0.5d));
        }
      }
    }
    return PlanarImage.owning(channels, outHeight, outWidth, out);
  }

  /** The horizontal pass of one channel's line into {@code target}. */
  private void filter(float[] line, float[] target) {
    int x0 = horizontal.first[0];
    int taps = horizontal.taps;
    for (int x = 0; x < target.length; x++) {
      int from = horizontal.first[x] - x0;
      int w = x * taps;
      float sum = 0;
      for (int k = 0; k < taps; k++) {
        sum += horizontal.weights[w + k] * line[from + k];
      }
      target[x] = sum;
    }
  }

  /** {@link #filter} of three channels at once: the same weights, three independent sums. */
  private void filterRgb(float[][] lines, float[] r, float[] g, float[] b) {
    int x0 = horizontal.first[0];
    int taps = horizontal.taps;
    int[] first = horizontal.first;
    float[] weights = horizontal.weights;
    float[] red = lines[0];
    float[] green = lines[1];
    float[] blue = lines[2];
    for (int x = 0; x < r.length; x++) {
      int from = first[x] - x0;
      int w = x * taps;
      float sumR = 0;
      float sumG = 0;
      float sumB = 0;
      for (int k = 0; k < taps; k++) {
        float weight = weights[w + k];
        sumR += weight * red[from + k];
        sumG += weight * green[from + k];
        sumB += weight * blue[from + k];
      }
      r[x] = sumR;
      g[x] = sumG;
      b[x] = sumB;
    }
  }
}
