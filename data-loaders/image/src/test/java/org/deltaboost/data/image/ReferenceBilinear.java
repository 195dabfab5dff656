package org.deltaboost.data.image;

/**
 * The resampling formula of {@link PlanarImage}'s class comment, written plainly (PlanarImage's own
 * code before the windowed, ring-buffered one, with its order of passes): every output of the
 * vertical pass over all columns, then the horizontal pass, each sum over exactly its triangle's
 * inputs, in order, in float, rounded once with {@link Math#round(float)}. The test oracle of
 * {@link PlanarImage#resizeBilinear} and {@link PlanarImage#resizeBilinearCrop}.
 */
final class ReferenceBilinear {
  private ReferenceBilinear() {}

  static PlanarImage resize(PlanarImage image, int newHeight, int newWidth) {
    int channels = image.channels();
    int height = image.height();
    int width = image.width();
    byte[] samples = image.samples();
    int[] hFirst = new int[newWidth];
    float[][] hWeights = weights(width, newWidth, hFirst);
    int[] vFirst = new int[newHeight];
    float[][] vWeights = weights(height, newHeight, vFirst);
    byte[] out = new byte[channels * newHeight * newWidth];
    for (int c = 0; c < channels; c++) {
      float[] columns = new float[newHeight * width];
      for (int y = 0; y < newHeight; y++) {
        for (int x = 0; x < width; x++) {
          float sum = 0;
          for (int k = 0; k < vWeights[y].length; k++) {
            sum += vWeights[y][k] * (samples[(c * height + vFirst[y] + k) * width + x] & 0xFF);
          }
          columns[y * width + x] = sum;
        }
      }
      for (int y = 0; y < newHeight; y++) {
        for (int x = 0; x < newWidth; x++) {
          float sum = 0;
          for (int k = 0; k < hWeights[x].length; k++) {
            sum += hWeights[x][k] * columns[y * width + hFirst[x] + k];
          }
          out[(c * newHeight + y) * newWidth + x] =
              (byte) Math.max(0, Math.min(255, Math.round(sum)));
        }
      }
    }
    return PlanarImage.of(channels, newHeight, newWidth, out);
  }

  /**
   * The same formula with the passes the other way round, horizontal first (PlanarImage's order
   * until fef6c2c): for measuring what the order changes. It is {@link #resize} of the transposed
   * image, transposed back: the same sums, each over its taps in order, rows and columns swapped.
   */
  static PlanarImage resizeHorizontalFirst(PlanarImage image, int newHeight, int newWidth) {
    return transposed(resize(transposed(image), newWidth, newHeight));
  }

  /** Rows become columns, plane by plane. */
  private static PlanarImage transposed(PlanarImage image) {
    int height = image.height();
    int width = image.width();
    byte[] out = new byte[image.size()];
    for (int c = 0; c < image.channels(); c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          out[(c * width + x) * height + y] = (byte) image.sample(c, y, x);
        }
      }
    }
    return PlanarImage.of(image.channels(), width, height, out);
  }

  private static float[][] weights(int in, int out, int[] first) {
    double scale = (double) in / out;
    double filterScale = Math.max(scale, 1.0);
    float[][] weights = new float[out][];
    for (int i = 0; i < out; i++) {
      double centre = (i + 0.5) * scale;
      int from = Math.max((int) (centre - filterScale + 0.5), 0);
      int to = Math.min((int) (centre + filterScale + 0.5), in);
      double[] w = new double[to - from];
      double total = 0;
      for (int j = from; j < to; j++) {
        w[j - from] = Math.max(0, 1 - Math.abs((j + 0.5 - centre) / filterScale));
        total += w[j - from];
      }
      weights[i] = new float[w.length];
      for (int k = 0; k < w.length; k++) {
        weights[i][k] = (float) (w[k] / total);
      }
      first[i] = from;
    }
    return weights;
  }
}
