package org.deltaboost.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * Copies the images and labels of a list of sample indices into NDArrays, reusing one Java
 * buffer for the pixels so that a batch costs no Java allocation.
 */
final class BatchAssembler {

  private final ImageClassificationSet set;
  private final int imageSize;
  private final float[] pixels;
  private final float[] labels;

  BatchAssembler(ImageClassificationSet set, int maxBatch) {
    this.set = set;
    this.imageSize = set.channels() * set.height() * set.width();
    this.pixels = new float[maxBatch * imageSize];
    this.labels = new float[maxBatch];
  }

  /** Returns the largest batch this assembler takes. */
  int capacity() {
    return labels.length;
  }

  /** Returns {@code (n, C, H, W)} images scaled to [0, 1], in {@code manager}. */
  NDArray images(NDManager manager, int[] order, int from, int n) {
    for (int i = 0; i < n; i++) {
      set.copyScaled(order[from + i], pixels, i * imageSize);
    }
    return manager.create(
        FloatBuffer.wrap(pixels, 0, n * imageSize),
        new Shape(n, set.channels(), set.height(), set.width()));
  }

  /** Returns the {@code (n)} class indices as float32, in {@code manager}. */
  NDArray labels(NDManager manager, int[] order, int from, int n) {
    for (int i = 0; i < n; i++) {
      labels[i] = set.label(order[from + i]);
    }
    return manager.create(FloatBuffer.wrap(labels, 0, n), new Shape(n));
  }
}
