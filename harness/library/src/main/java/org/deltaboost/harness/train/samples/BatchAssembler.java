package org.deltaboost.harness.train.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.strategies.ScalarScope;

/**
 * Copies the images and labels of a list of sample indices into NDArrays without allocating per
 * batch: the pixels and labels are written into one native (direct) buffer each, allocated once,
 * and the NDArrays are created over those buffers.
 *
 * <p>Images in {@code [0, 1]} ({@link #images(NDManager, int[], int, int)}) travel as their raw
 * bytes, a quarter of the floats, and the engine scales them: {@code float32(byte) / 255}, one IEEE
 * division per sample as {@link org.deltaboost.data.core.PixelScale} does in Java, so the same
 * floats (tested). Java only gathers the batch's images, one bulk copy each.
 *
 * <p>Contract: on the CPU the engine wraps a direct buffer without copying it, so the array that
 * {@link #images(NDManager, float[], int)} (Java-scaled images) or {@link #labels} returns is only
 * valid until the next call of the same method (the engine-scaled images are a new array); close it
 * before (the training loop closes every batch's arrays with the batch's manager at the end of the
 * step). Creating the arrays from a Java array instead would allocate a new direct buffer per
 * batch, freed only when the garbage collector runs.
 */
final class BatchAssembler {

  private final ImageClassificationSet set;
  private final int imageSize;
  private final int maxBatch;
  private float[] pixels; // made on first use: only batches scaled in Java need it
  private ByteBuffer pixelBuffer;
  private final ByteBuffer rawBuffer;
  private final ByteBuffer labelBuffer;

  BatchAssembler(ImageClassificationSet set, int maxBatch) {
    this.set = set;
    this.imageSize = set.channels() * set.height() * set.width();
    this.maxBatch = maxBatch;
    this.rawBuffer = direct(Math.multiplyExact(maxBatch, imageSize));
    this.labelBuffer = direct(Math.multiplyExact(maxBatch, Float.BYTES));
  }

  /** Returns the largest batch this assembler takes. */
  int capacity() {
    return labelBuffer.capacity() / Float.BYTES;
  }

  /**
   * Returns {@code (n, C, H, W)} images scaled to [0, 1], in {@code manager}: the raw bytes
   * gathered into a native buffer, converted and divided by 255 on the engine.
   */
  NDArray images(NDManager manager, int[] order, int from, int n) {
    ByteBuffer raw = rawBuffer.clear();
    for (int i = 0; i < n; i++) {
      set.putPixels(order[from + i], raw);
    }
    raw.flip();
    try (NDArray bytes = manager.create(raw, shape(n), DataType.UINT8)) {
      NDArray images = bytes.toType(DataType.FLOAT32, false);
      return images.divi(ScalarScope.scalar(images, 255));
    }
  }

  /**
   * Fills the images scaled to [0, 1] into this assembler's Java array and returns it (valid until
   * the next call); the first {@code n × C × H × W} values are the batch's.
   */
  float[] scaledPixels(int[] order, int from, int n) {
    if (pixels == null) {
      pixels = new float[maxBatch * imageSize];
    }
    for (int i = 0; i < n; i++) {
      set.copyScaled(order[from + i], pixels, i * imageSize);
    }
    return pixels;
  }

  /**
   * Returns the first {@code n} images of {@code values} as {@code (n, C, H, W)}, in {@code
   * manager}.
   */
  NDArray images(NDManager manager, float[] values, int n) {
    int length = n * imageSize;
    if (pixelBuffer == null) {
      pixelBuffer = direct(Math.multiplyExact(maxBatch * imageSize, Float.BYTES));
    }
    FloatBuffer floats = pixelBuffer.clear().asFloatBuffer();
    floats.put(values, 0, length);
    return manager.create(pixelBuffer.limit(length * Float.BYTES), shape(n), DataType.FLOAT32);
  }

  private Shape shape(int n) {
    return new Shape(n, set.channels(), set.height(), set.width());
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
