package org.deltaboost.harness.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import org.deltaboost.harness.train.samples.SampleSet;

/**
 * Consecutive samples of a set's evaluation view as flat float arrays, as an ONNX model takes them:
 * the images normalized exactly as in training (the exported model's metadata states that
 * normalization), and their labels (class indices, or masks with 255 for unscored pixels); for a
 * model that takes raw pixels, the same images as the 8-bit pixels they were made of ({@link
 * #pixels(Batch)}).
 */
final class EvaluationBatches implements AutoCloseable {

  /** One batch: {@code images} row-major of {@code shape}, {@code labels} per sample or pixel. */
  record Batch(float[] images, long[] shape, float[] labels) {}

  private final SampleSet set;
  private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
  private final int[] identity;
  private StoredPixels stored;

  EvaluationBatches(SampleSet set) {
    this.set = set.forEvaluation();
    this.identity = new int[this.set.size()];
    java.util.Arrays.setAll(identity, i -> i);
  }

  /** Returns the set served. */
  SampleSet set() {
    return set;
  }

  /** Returns samples {@code from .. from+n-1}. */
  Batch batch(int from, int n) throws IOException {
    try (NDManager scope = manager.newSubManager()) {
      NDList loaded = set.batch(scope, identity, from, n, 0);
      return new Batch(
          loaded.get(0).toFloatArray(),
          loaded.get(0).getShape().getShape(),
          loaded.get(1).toFloatArray());
    }
  }

  /**
   * Returns the 8-bit pixels of a batch's images, N×C×H×W, as the dataset stores them.
   *
   * @throws IllegalArgumentException if an image value is no pixel level of the set's normalization
   */
  byte[] pixels(Batch batch) {
    if (stored == null) {
      stored = new StoredPixels(set.normalization(), Math.toIntExact(set.imageShape().get(0)));
    }
    return stored.of(batch.images(), batch.shape());
  }

  @Override
  public void close() {
    manager.close();
  }
}
