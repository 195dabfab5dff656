package org.deltaboost.data.image;

/**
 * Both passes of {@link PlanarImage}'s bilinear resampling over a window of the output, vertical
 * first, in float, rounded once: output {@code (y, x)} is {@code Σ_j h_j · (Σ_k v_k · in_k)} with
 * the {@link BilinearWeights} of its column ({@code h}) and row ({@code v}), each sum added in
 * order {@code j, k = 0, 1, …}, then rounded half up and clamped to 0..255.
 *
 * <p>Vertical first because the window's output rows are usually fewer than the input rows they
 * read (a photo shrunk to 224 rows): the vertical pass runs over whole rows (contiguous, so the JIT
 * vectorises it), and the horizontal pass, whose taps are read by index, runs once per output row
 * instead of once per input row. Input rows are read into a ring of the last {@code vertical.taps}
 * rows, so memory stays a few kilobytes however large the image; only the rows and columns the
 * window needs are read. The input comes a row at a time from a {@link Rows}, so a decoder can hand
 * its pixels over in its own layout.
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
    int span = horizontal.span();
    int count = Math.min(span, width - x0);
    // Ring slot s holds input row y0 + s (mod taps), one line per channel. The padded end of a line
    // (past count) is never written, and a slot past the image's last row keeps an earlier row:
    // zeros or finite samples, each multiplied by zero weights only, adding +0.
    float[][] ring = new float[taps * channels][span];
    float[][] slot = new float[channels][];
    float[][] columns = new float[channels][span];
    byte[] out = new byte[channels * outHeight * outWidth];
    int read = y0; // the next input row to read
    for (int y = 0; y < outHeight; y++) {
      int first = vertical.first[y];
      for (int row = Math.max(read, first); row < Math.min(first + taps, height); row++) {
        System.arraycopy(ring, ((row - y0) % taps) * channels, slot, 0, channels);
        rows.read(row, x0, count, slot);
        read = row + 1;
      }
      for (int c = 0; c < channels; c++) {
        verticalSums(ring, first - y0, y, channels, c, columns[c]);
      }
      int at = y * outWidth;
      if (channels == 3) {
        horizontalRgb(columns, out, at, outHeight * outWidth);
      } else {
        for (int c = 0; c < channels; c++) {
          horizontal(columns[c], out, (c * outHeight + y) * outWidth);
        }
      }
    }
    return PlanarImage.owning(channels, outHeight, outWidth, out);
  }

  /** Output row {@code y}'s vertical sums of channel {@code c} over the whole span of columns. */
  private void verticalSums(
      float[][] ring, int firstSlot, int y, int channels, int c, float[] sums) {
    int taps = vertical.taps;
    float[] weights = vertical.weights;
    // Row by row (contiguous, vectorisable); each sum still adds its terms in order k = 0, 1, …
    float weight = weights[y * taps];
    float[] source = ring[(firstSlot % taps) * channels + c];
    for (int x = 0; x < sums.length; x++) {
      sums[x] = 0f + weight * source[x];
    }
    for (int k = 1; k < taps; k++) {
      weight = weights[y * taps + k];
      source = ring[((firstSlot + k) % taps) * channels + c];
      for (int x = 0; x < sums.length; x++) {
        sums[x] += weight * source[x];
      }
    }
  }

  /**
   * The horizontal pass of three channels into their planes of {@code out}. The common tap counts
   * get their own call with a constant count, which the JIT unrolls (a third faster than the loop
   * over a count it does not know).
   */
  private void horizontalRgb(float[][] columns, byte[] out, int at, int plane) {
    switch (horizontal.taps) {
      case 2 -> horizontalRgb(columns, out, at, plane, 2);
      case 3 -> horizontalRgb(columns, out, at, plane, 3);
      case 4 -> horizontalRgb(columns, out, at, plane, 4);
      case 5 -> horizontalRgb(columns, out, at, plane, 5);
      case 6 -> horizontalRgb(columns, out, at, plane, 6);
      case 7 -> horizontalRgb(columns, out, at, plane, 7);
      default -> horizontalRgb(columns, out, at, plane, horizontal.taps);
    }
  }

  private void horizontalRgb(float[][] columns, byte[] out, int at, int plane, int taps) {
    int x0 = horizontal.first[0];
    int[] first = horizontal.first;
    float[] weights = horizontal.weights;
    float[] red = columns[0];
    float[] green = columns[1];
    float[] blue = columns[2];
    for (int x = 0; x < first.length; x++) {
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
      out[at + x] = rounded(sumR);
      out[plane + at + x] = rounded(sumG);
      out[2 * plane + at + x] = rounded(sumB);
    }
  }

  /** The horizontal pass of one channel into {@code out} from {@code at}. */
  private void horizontal(float[] column, byte[] out, int at) {
    int x0 = horizontal.first[0];
    int taps = horizontal.taps;
    for (int x = 0; x < horizontal.first.length; x++) {
      int from = horizontal.first[x] - x0;
      int w = x * taps;
      float sum = 0;
      for (int k = 0; k < taps; k++) {
        sum += horizontal.weights[w + k] * column[from + k];
      }
      out[at + x] = rounded(sum);
    }
  }

  /**
   * {@link Math#round(float)} for a sum in {@code [0, 2^24)} (x + ½ is exact in double), clamped.
   */
  private static byte rounded(float sum) {
    return (byte) Math.min(255, (int) (sum + 0.5d));
  }
}
