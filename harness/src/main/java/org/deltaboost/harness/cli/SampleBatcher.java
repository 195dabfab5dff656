package org.deltaboost.harness.cli;

import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.onnx.InputNormalization;

/** Consecutive samples of a set as one flat, normalized float array, as an ONNX model takes them. */
final class SampleBatcher {

  private final ImageClassificationSet set;
  private final InputNormalization normalization;
  private final int sampleSize;

  SampleBatcher(ImageClassificationSet set, InputNormalization normalization) {
    this.set = set;
    this.normalization = normalization;
    this.sampleSize = set.channels() * set.height() * set.width();
  }

  /** Returns samples {@code from .. from+n-1}, normalized as the model's metadata says. */
  float[] batch(int from, int n) {
    float[] values = new float[n * sampleSize];
    for (int i = 0; i < n; i++) {
      float[] one = normalization.apply(set.pixels(from + i), set.channels(), set.height(), set.width());
      System.arraycopy(one, 0, values, i * sampleSize, sampleSize);
    }
    return values;
  }

  /** Returns the shape of a batch of {@code n}. */
  long[] shape(int n) {
    return new long[] {n, set.channels(), set.height(), set.width()};
  }
}
