package org.deltaboost.onnx;

import java.util.Optional;

/**
 * The outputs of one batch of images run through a dense (per-pixel) model such as PixelNet: the
 * logits {@code z} of shape {@code (batch, classes, height, width)} in row-major order, the
 * probabilities (softmax over the classes of {@code z / T}, same shape) when the model has them,
 * and the segmentation {@code argmax_k z[b, k, r, c]} (first index of the maximum).
 */
public final class DenseInferenceResult {

  private final long[] shape;
  private final float[] logits;
  private final float[] probabilities;

  DenseInferenceResult(long[] shape, float[] logits, float[] probabilities) {
    this.shape = shape.clone();
    this.logits = logits;
    this.probabilities = probabilities;
  }

  /** Returns the logits' shape, {@code [batch, classes, height, width]}. */
  public long[] shape() {
    return shape.clone();
  }

  /** Returns the logits, row-major over {@link #shape()} (the caller may keep the array). */
  public float[] logits() {
    return logits;
  }

  /** Returns the probabilities output, shaped like the logits, if the model has one. */
  public Optional<float[]> probabilities() {
    return Optional.ofNullable(probabilities);
  }

  /** Returns the predicted class of every pixel, row-major over {@code (batch, height, width)}. */
  public int[] predictions() {
    return argmaxOverClasses(logits, shape);
  }

  /**
   * Returns, for values of shape {@code (B, K, H, W)} in row-major order, the first {@code k}
   * maximizing {@code values[b, k, r, c]} for every {@code (b, r, c)}, row-major.
   */
  static int[] argmaxOverClasses(float[] values, long[] shape) {
    int batch = Math.toIntExact(shape[0]);
    int classes = Math.toIntExact(shape[1]);
    int pixels = Math.toIntExact(shape[2] * shape[3]);
    int[] best = new int[batch * pixels];
    for (int b = 0; b < batch; b++) {
      int image = b * classes * pixels;
      for (int p = 0; p < pixels; p++) {
        int arg = 0;
        for (int k = 1; k < classes; k++) {
          if (values[image + k * pixels + p] > values[image + arg * pixels + p]) {
            arg = k;
          }
        }
        best[b * pixels + p] = arg;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "DenseInferenceResult[images="
        + shape[0]
        + ", classes="
        + shape[1]
        + ", size="
        + shape[2]
        + "x"
        + shape[3]
        + ", probabilities="
        + (probabilities != null)
        + "]";
  }
}
