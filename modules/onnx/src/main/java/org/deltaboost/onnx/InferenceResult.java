package org.deltaboost.onnx;

import java.util.Optional;

/**
 * The outputs of one batch run through ONNX Runtime: the logits {@code z}, the probabilities {@code
 * softmax(z / T)} when the model has them, and the predictions {@code argmax(z)} (first index of
 * the maximum).
 */
public final class InferenceResult {

  private final float[][] logits;
  private final float[][] probabilities;

  InferenceResult(float[][] logits, float[][] probabilities) {
    this.logits = logits;
    this.probabilities = probabilities;
  }

  /** Returns the logits, one row per sample (the caller may keep the arrays). */
  public float[][] logits() {
    return logits;
  }

  /** Returns the probabilities output, if the model was exported with one. */
  public Optional<float[][]> probabilities() {
    return Optional.ofNullable(probabilities);
  }

  /** Returns {@code argmax(z)} of each sample. */
  public int[] predictions() {
    int[] predicted = new int[logits.length];
    for (int i = 0; i < logits.length; i++) {
      predicted[i] = argmax(logits[i]);
    }
    return predicted;
  }

  /** Returns the first index of the largest value. */
  static int argmax(float[] row) {
    int best = 0;
    for (int j = 1; j < row.length; j++) {
      if (row[j] > row[best]) {
        best = j;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "InferenceResult[samples="
        + logits.length
        + ", classes="
        + (logits.length == 0 ? 0 : logits[0].length)
        + ", probabilities="
        + (probabilities != null)
        + "]";
  }
}
