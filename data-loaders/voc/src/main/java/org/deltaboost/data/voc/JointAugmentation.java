package org.deltaboost.data.voc;

import java.util.SplittableRandom;
import org.deltaboost.data.image.PlanarImage;

/**
 * Random scale, crop and flip applied identically to an image and its mask.
 *
 * <p>In this order, drawing from the record's random source: a scale {@code s ~ U[minScale,
 * maxScale]} resizes the image (bilinear) and the mask (nearest neighbour, so classes are never
 * blended) to {@code round(s·H) × round(s·W)}; a {@code cropSize × cropSize} window is placed
 * uniformly at random where the scaled image is larger than the window (at 0 otherwise), and padded
 * bottom/right where it is smaller, the image with {@link #IMAGE_FILL} (ImageNet's mean colour,
 * zero after mean subtraction) and the mask with {@link VocClasses#VOID}, so padding is never
 * scored; then, if {@code flip}, both are mirrored with probability ½.
 *
 * @param cropSize the side of the square output, ≥ 1
 * @param minScale the smallest scale, {@code > 0}
 * @param maxScale the largest scale, {@code ≥ minScale}
 * @param flip whether to mirror half of the examples
 */
public record JointAugmentation(int cropSize, double minScale, double maxScale, boolean flip) {
  /** The image's padding colour: ImageNet's mean R, G, B rounded. */
  public static final int[] IMAGE_FILL = {124, 116, 104};

  /** An image and its mask, transformed together. */
  public record Pair(PlanarImage image, PlanarImage mask) {}

  /** Checks the parameters. */
  public JointAugmentation {
    if (cropSize < 1) {
      throw new IllegalArgumentException("cropSize: expected at least 1, found " + cropSize);
    }
    if (!(minScale > 0 && maxScale >= minScale && Double.isFinite(maxScale))) {
      throw new IllegalArgumentException(
          "scale range: expected 0 < minScale ≤ maxScale, found ["
              + minScale
              + ", "
              + maxScale
              + "]");
    }
  }

  /**
   * @return our defaults: 224 crops (the VGG-16 input), scales in [0.5, 2.0], flips
   */
  public static JointAugmentation defaults() {
    return new JointAugmentation(224, 0.5, 2.0, true);
  }

  /**
   * @param image 3 channels
   * @param mask 1 channel of class indices, the image's size
   * @param random the draws (scale, then top, then left, then flip)
   * @return both transformed, {@code cropSize × cropSize}
   */
  public Pair apply(PlanarImage image, PlanarImage mask, SplittableRandom random) {
    if (image.height() != mask.height() || image.width() != mask.width()) {
      throw new IllegalArgumentException(
          "mask size "
              + mask.width()
              + "×"
              + mask.height()
              + " differs from image size "
              + image.width()
              + "×"
              + image.height());
    }
    double scale = minScale == maxScale ? minScale : random.nextDouble(minScale, maxScale);
    int height = Math.max(1, (int) Math.round(scale * image.height()));
    int width = Math.max(1, (int) Math.round(scale * image.width()));
    PlanarImage scaledImage = image.resizeBilinear(height, width);
    PlanarImage scaledMask = mask.resizeNearest(height, width);
    int top = height > cropSize ? random.nextInt(height - cropSize + 1) : 0;
    int left = width > cropSize ? random.nextInt(width - cropSize + 1) : 0;
    PlanarImage croppedImage = scaledImage.crop(top, left, cropSize, cropSize, IMAGE_FILL);
    PlanarImage croppedMask = scaledMask.crop(top, left, cropSize, cropSize, VocClasses.VOID);
    if (flip && random.nextBoolean()) {
      return new Pair(croppedImage.flipHorizontal(), croppedMask.flipHorizontal());
    }
    return new Pair(croppedImage, croppedMask);
  }
}
