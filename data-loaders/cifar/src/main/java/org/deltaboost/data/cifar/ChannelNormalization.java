package org.deltaboost.data.cifar;

import ai.djl.ndarray.NDArray;
import ai.djl.translate.Transform;
import java.util.Objects;

/**
 * {@code y = (x − mean_c) / std_c} for every value x of channel c, with the training set's {@link
 * ChannelStatistics}. Works on a float batch laid out B×C×H×W, or as a DJL {@link Transform} on a
 * (B, C, H, W) or (C, H, W) array. Apply it after {@link RandomCropFlip}, so the crop's zero
 * padding becomes {@code −mean_c/std_c} as in the usual recipe (pad, crop, flip, then normalize).
 */
public final class ChannelNormalization implements Transform {
  private final ChannelStatistics statistics;

  /**
   * @param statistics the training set's per-channel mean and deviation
   */
  public ChannelNormalization(ChannelStatistics statistics) {
    this.statistics = Objects.requireNonNull(statistics, "statistics");
  }

  /**
   * @return the statistics applied
   */
  public ChannelStatistics statistics() {
    return statistics;
  }

  /**
   * Normalizes in place.
   *
   * @param batch {@code batchSize × channels × height × width} values
   * @param batchSize images in the batch
   * @param height rows per image
   * @param width columns per image
   * @throws IllegalArgumentException if the batch's length is not {@code batchSize × C × H × W} for
   *     the statistics' C
   */
  public void apply(float[] batch, int batchSize, int height, int width) {
    int channels = statistics.channels();
    int plane = height * width;
    BatchShape.check(batch.length, batchSize, channels, height, width);
    for (int b = 0; b < batchSize; b++) {
      for (int c = 0; c < channels; c++) {
        float mean = (float) statistics.mean(c);
        float scale = (float) (1 / statistics.std(c));
        for (int k = (b * channels + c) * plane, end = k + plane; k < end; k++) {
          batch[k] = (batch[k] - mean) * scale;
        }
      }
    }
  }

  /**
   * @param array float32 (B, C, H, W) or (C, H, W) with C = the statistics' channels
   * @return a new normalized array in the same manager
   */
  @Override
  public NDArray transform(NDArray array) {
    BatchShape shape = BatchShape.of(array, statistics.channels());
    float[] values = array.toFloatArray();
    apply(values, shape.batchSize(), shape.height(), shape.width());
    return array.getManager().create(values, array.getShape());
  }

  @Override
  public String toString() {
    return "ChannelNormalization[" + statistics + "]";
  }
}
