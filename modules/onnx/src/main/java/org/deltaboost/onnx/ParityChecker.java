package org.deltaboost.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.deltaboost.data.core.InputNormalization;

/**
 * Runs the same samples through the DJL block (inference mode) and through the exported model in
 * ONNX Runtime, and compares the logits: {@link ParityReport}. Samples go through in batches of
 * {@value #BATCH}, each in its own {@link NDManager}, so native memory stays bounded. For a {@link
 * OnnxModel#dense() dense} model (PixelNet: logits {@code (batch, K, H, W)}) every logit of every
 * pixel is compared and the argmax agreement is counted per pixel; images go through in batches of
 * {@code max(1, }{@value #DENSE_PIXELS}{@code / (H·W))}, because ONNX Runtime holds a whole batch's
 * hypercolumns at once.
 *
 * <p>A {@link InputForm#PIXELS} model is compared on raw pixels: ONNX Runtime gets the bytes, DJL
 * the same images normalized in Java by the model's {@link InputNormalization} ({@link
 * InputNormalization#apply}), so the check covers the normalization the graph does.
 */
public final class ParityChecker {

  /** Samples per batch. */
  public static final int BATCH = 256;

  /** Pixels per batch of images for a dense model. */
  public static final int DENSE_PIXELS = 1 << 16;

  private ParityChecker() {}

  /**
   * Compares DJL's and ONNX Runtime's logits.
   *
   * @param block the trained block that was exported
   * @param model the exported model, loaded
   * @param samples {@code n × model.sampleSize()} input values, row-major, normalized as in
   *     training
   * @return the comparison; see {@link ParityReport#requirePassed(String)}
   * @throws OnnxException if the samples do not fit the model or a run fails
   */
  public static ParityReport compare(Block block, OnnxModel model, float[] samples)
      throws OnnxException {
    if (model.inputForm() != InputForm.NORMALIZED) {
      throw new OnnxException(
          model.file() + ": the model takes raw uint8 pixels: compare it on pixels (byte[])");
    }
    return compare(block, model, samples, null);
  }

  /**
   * Compares DJL's and ONNX Runtime's logits on raw pixels, for a {@link InputForm#PIXELS} model.
   *
   * @param block the trained block that was exported
   * @param model the exported model, loaded
   * @param pixels {@code n × model.sampleSize()} unsigned 8-bit pixels, row-major (N×C×H×W)
   * @return the comparison; see {@link ParityReport#requirePassed(String)}
   * @throws OnnxException if the model takes floats, the pixels do not fit it, its metadata lacks
   *     the normalization, or a run fails
   */
  public static ParityReport compare(Block block, OnnxModel model, byte[] pixels)
      throws OnnxException {
    if (model.inputForm() != InputForm.PIXELS) {
      throw new OnnxException(
          model.file()
              + ": the model takes float32 values normalized as in training: compare it on those"
              + " (float[])");
    }
    long[] sample = model.sampleShape();
    InputNormalization normalization = model.metadata().inputNormalization();
    float[] samples;
    try {
      samples =
          normalization.apply(
              pixels,
              Math.toIntExact(sample[0]),
              Math.toIntExact(sample[1]),
              Math.toIntExact(sample[2]));
    } catch (IllegalArgumentException e) {
      throw new OnnxException(model.file() + ": parity pixels: " + e.getMessage(), e);
    }
    return compare(block, model, samples, pixels);
  }

  /** {@code samples} go to DJL, and to ONNX Runtime unless {@code pixels} are given. */
  private static ParityReport compare(Block block, OnnxModel model, float[] samples, byte[] pixels)
      throws OnnxException {
    int size = model.sampleSize();
    if (samples.length == 0 || samples.length % size != 0) {
      throw new OnnxException(
          model.file()
              + ": parity samples: expected a positive multiple of "
              + size
              + " values (samples of shape "
              + Arrays.toString(model.sampleShape())
              + "), found "
              + samples.length);
    }
    int n = samples.length / size;
    if (model.dense()) {
      return compareDense(block, model, samples, pixels, n);
    }
    double maxDiff = 0;
    int agree = 0;
    for (int start = 0; start < n; start += BATCH) {
      int count = Math.min(BATCH, n - start);
      float[] chunk = Arrays.copyOfRange(samples, start * size, (start + count) * size);
      long[] shape = new long[model.sampleShape().length + 1];
      shape[0] = count;
      System.arraycopy(model.sampleShape(), 0, shape, 1, shape.length - 1);
      float[][] onnx =
          pixels == null
              ? model.run(chunk, shape).logits()
              : model
                  .run(Arrays.copyOfRange(pixels, start * size, (start + count) * size), shape)
                  .logits();
      float[] djl;
      try (NDManager manager = NDManager.newBaseManager()) {
        NDArray x = manager.create(chunk, new Shape(shape));
        NDArray z =
            block
                .forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
        if (!z.getShape().equals(new Shape(count, model.numClasses()))) {
          throw new OnnxException(
              model.file()
                  + ": DJL logits shape "
                  + z.getShape()
                  + " differs from ONNX ("
                  + count
                  + ", "
                  + model.numClasses()
                  + ")");
        }
        djl = z.toFloatArray();
      }
      for (int i = 0; i < count; i++) {
        float[] row = Arrays.copyOfRange(djl, i * model.numClasses(), (i + 1) * model.numClasses());
        for (int j = 0; j < row.length; j++) {
          maxDiff = Math.max(maxDiff, Math.abs((double) row[j] - onnx[i][j]));
        }
        if (InferenceResult.argmax(row) == InferenceResult.argmax(onnx[i])) {
          agree++;
        }
      }
    }
    return new ParityReport(n, maxDiff, (double) agree / n);
  }

  private static ParityReport compareDense(
      Block block, OnnxModel model, float[] samples, byte[] raw, int n) throws OnnxException {
    int size = model.sampleSize();
    long[] sample = model.sampleShape();
    int pixels = Math.toIntExact(sample[1] * sample[2]);
    int perBatch = Math.max(1, DENSE_PIXELS / pixels);
    double maxDiff = 0;
    long agree = 0;
    for (int start = 0; start < n; start += perBatch) {
      int count = Math.min(perBatch, n - start);
      float[] chunk = Arrays.copyOfRange(samples, start * size, (start + count) * size);
      long[] shape = {count, sample[0], sample[1], sample[2]};
      DenseInferenceResult onnx =
          raw == null
              ? model.runDense(chunk, shape)
              : model.runDense(
                  Arrays.copyOfRange(raw, start * size, (start + count) * size), shape);
      float[] djl;
      try (NDManager manager = NDManager.newBaseManager()) {
        NDArray x = manager.create(chunk, new Shape(shape));
        NDArray z =
            block
                .forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
        if (!z.getShape().equals(new Shape(onnx.shape()))) {
          throw new OnnxException(
              model.file()
                  + ": DJL logits shape "
                  + z.getShape()
                  + " differs from ONNX "
                  + Arrays.toString(onnx.shape()));
        }
        djl = z.toFloatArray();
      }
      float[] logits = onnx.logits();
      for (int i = 0; i < djl.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs((double) djl[i] - logits[i]));
      }
      int[] expected = DenseInferenceResult.argmaxOverClasses(djl, onnx.shape());
      int[] found = onnx.predictions();
      for (int i = 0; i < expected.length; i++) {
        if (expected[i] == found[i]) {
          agree++;
        }
      }
    }
    long predictions = (long) n * pixels;
    return new ParityReport(n, predictions, maxDiff, (double) agree / predictions);
  }
}
