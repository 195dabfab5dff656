package org.deltaboost.data.cifar;

import ai.djl.ndarray.NDArray;
import ai.djl.translate.Transform;
import java.util.Random;

/**
 * The usual CIFAR training augmentation: pad each image with {@code p} zeros on every side, crop an
 * H×W window at a random offset, then mirror it left-right with probability ½. For image b, with
 * offsets {@code dy, dx} uniform in {@code [0, 2p]} and {@code f} ∈ {0, 1}:
 *
 * <pre>
 *   out[b][c][y][x] = in[b][c][y + dy − p][x' + dx − p],  x' = f ? W − 1 − x : x,
 * </pre>
 *
 * and 0 where the source index falls outside the image. Per image the draws are, in order, {@code
 * dy = nextInt(2p+1)}, {@code dx = nextInt(2p+1)}, {@code f = nextBoolean()} of one {@link Random}
 * seeded at construction (a draw is skipped when its part is switched off), so a seed and a batch
 * order give the same images on every JVM. Padding 0 switches the crop off, {@code flip = false}
 * the mirroring.
 *
 * <p>Works on a float batch laid out B×C×H×W, or as a DJL {@link Transform} on a (B, C, H, W) or
 * (C, H, W) array; apply it before {@link
 * org.deltaboost.data.core.InputNormalization#standardization()}. Calls are serialized; batches
 * fetched by several threads make the order, and thus the draws, depend on scheduling.
 */
public final class RandomCropFlip implements Transform {
  /** The padding of the common CIFAR recipe. */
  public static final int DEFAULT_PADDING = 4;

  private final int padding;
  private final boolean flip;
  private final long seed;
  private final Random random;

  private RandomCropFlip(Builder builder) {
    this.padding = builder.padding;
    this.flip = builder.flip;
    this.seed = builder.seed;
    this.random = new Random(seed);
  }

  /**
   * @return a builder with padding 4, flipping on and seed 0
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the zeros added on each side before cropping; 0 when cropping is off
   */
  public int padding() {
    return padding;
  }

  /**
   * @return whether images are mirrored left-right with probability ½
   */
  public boolean flip() {
    return flip;
  }

  /**
   * @return the seed the draws started from
   */
  public long seed() {
    return seed;
  }

  /**
   * Crops and flips each image of the batch, drawing its offsets and flip as the class comment
   * says.
   *
   * @param batch {@code batchSize × channels × height × width} values
   * @param batchSize images in the batch
   * @param channels channels per image
   * @param height rows per image
   * @param width columns per image
   * @return a new array of the same layout holding the augmented images
   * @throws IllegalArgumentException if the batch's length does not match the sizes
   */
  public synchronized float[] apply(
      float[] batch, int batchSize, int channels, int height, int width) {
    BatchShape.check(batch.length, batchSize, channels, height, width);
    float[] out = new float[batch.length];
    int plane = height * width;
    for (int b = 0; b < batchSize; b++) {
      int dy = padding > 0 ? random.nextInt(2 * padding + 1) - padding : 0;
      int dx = padding > 0 ? random.nextInt(2 * padding + 1) - padding : 0;
      boolean mirror = flip && random.nextBoolean();
      for (int c = 0; c < channels; c++) {
        int base = (b * channels + c) * plane;
        for (int y = 0; y < height; y++) {
          int sy = y + dy;
          if (sy < 0 || sy >= height) {
            continue; // the row stays 0: padding
          }
          for (int x = 0; x < width; x++) {
            int sx = (mirror ? width - 1 - x : x) + dx;
            if (sx >= 0 && sx < width) {
              out[base + y * width + x] = batch[base + sy * width + sx];
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * @param array float32 (B, C, H, W) or (C, H, W)
   * @return a new augmented array in the same manager
   */
  @Override
  public NDArray transform(NDArray array) {
    BatchShape shape = BatchShape.of(array);
    float[] out =
        apply(
            array.toFloatArray(),
            shape.batchSize(),
            shape.channels(),
            shape.height(),
            shape.width());
    return array.getManager().create(out, array.getShape());
  }

  @Override
  public String toString() {
    return "RandomCropFlip[padding=" + padding + ", flip=" + flip + ", seed=" + seed + "]";
  }

  /** Builds a {@link RandomCropFlip}; the defaults are the common CIFAR recipe. */
  public static final class Builder {
    private int padding = DEFAULT_PADDING;
    private boolean flip = true;
    private long seed;

    private Builder() {}

    /**
     * @param padding zeros added on each side before the random crop; 0 switches cropping off
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder optPadding(int padding) {
      if (padding < 0) {
        throw new IllegalArgumentException(
            "padding: expected 0 (no crop) or more, found " + padding);
      }
      this.padding = padding;
      return this;
    }

    /**
     * @param flip whether to mirror images left-right with probability ½
     * @return this builder
     */
    public Builder optFlip(boolean flip) {
      this.flip = flip;
      return this;
    }

    /**
     * @param seed the seed of the draws (use the run's seed)
     * @return this builder
     */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @return the augmentation
     */
    public RandomCropFlip build() {
      return new RandomCropFlip(this);
    }
  }
}
