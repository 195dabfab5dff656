package org.deltaboost.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * Copies the images and labels of a list of sample indices into NDArrays without allocating per
 * batch: the pixels and labels are written into one native (direct) buffer each, allocated once,
 * and the NDArrays are created over those buffers.
 *
 * <p>Contract: on the CPU the engine wraps a direct buffer without copying it, so the array that
 * {@link #images} (or {@link #labels}) returns is only valid until the next call of the same
 * method; close it before (the training loop closes every batch's arrays with the batch's
 * manager at the end of the step). Creating the arrays from a Java array instead would allocate a
 * new direct buffer per batch, freed only when the garbage collector runs.
 */
final class BatchAssembler {

  private final ImageClassificationSet set;
  private final int imageSize;
  private final float[] pixels;
  private final ByteBuffer pixelBuffer;
  private final ByteBuffer labelBuffer;

  BatchAssembler(ImageClassificationSet set, int maxBatch) {
    this.set = set;
    this.imageSize = set.channels() * set.height() * set.width();
    this.pixels = new float[maxBatch * imageSize];
    this.pixelBuffer = direct(Math.multiplyExact(pixels.length, Float.BYTES));
    this.labelBuffer = direct(Math.multiplyExact(maxBatch, Float.BYTES));
  }

  /** Returns the largest batch this assembler takes. */
  int capacity() {
    return labelBuffer.capacity() / Float.BYTES;
  }

  /** Returns {@code (n, C, H, W)} images scaled to [0, 1], in {@code manager}. */
  NDArray images(NDManager manager, int[] order, int from, int n) {
    return images(manager, scaledPixels(order, from, n), n);
  }

  /**
   * Fills the images scaled to [0, 1] into this assembler's Java array and returns it (valid until
   * the next call); the first {@code n × C × H × W} values are the batch's.
   */
  float[] scaledPixels(int[] order, int from, int n) {
    for (int i = 0; i < n; i++) {
      set.copyScaled(order[from + i], pixels, i * imageSize);
    }
    return pixels;
  }

  /** Returns the first {@code n} images of {@code values} as {@code (n, C, H, W)}, in {@code manager}. */
  NDArray images(NDManager manager, float[] values, int n) {
    int length = n * imageSize;
    FloatBuffer floats = pixelBuffer.clear().asFloatBuffer();
    floats.put(values, 0, length);
    return manager.create(
        pixelBuffer.limit(length * Float.BYTES),
        new Shape(n, set.channels(), set.height(), set.width()),
        DataType.FLOAT32);
  }

  /** Returns the {@code (n)} class indices as float32, in {@code manager}. */
  NDArray labels(NDManager manager, int[] order, int from, int n) {
    FloatBuffer floats = labelBuffer.clear().asFloatBuffer();
    for (int i = 0; i < n; i++) {
      floats.put(i, set.label(order[from + i]));
    }
    return manager.create(labelBuffer.limit(n * Float.BYTES), new Shape(n), DataType.FLOAT32);
  }

  private static ByteBuffer direct(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }
}
