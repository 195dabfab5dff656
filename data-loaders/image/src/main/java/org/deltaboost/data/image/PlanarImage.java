package org.deltaboost.data.image;

import java.util.Arrays;
import java.util.Objects;
import org.deltaboost.data.core.PixelScale;

/**
 * An immutable image of unsigned 8-bit samples stored channel-planar (C×H×W): an RGB photo has 3
 * channels, a segmentation mask 1 channel holding class indices.
 *
 * <p>Resampling follows Pillow's separable filters, so numbers are comparable with torchvision's
 * PIL pipeline: for an input of size {@code n} resized to {@code m} the scale is {@code s = n/m};
 * output sample {@code i} has centre {@code c = (i + ½)·s} and is {@code Σ_j w_j·in_j / Σ_j w_j}
 * over input samples {@code j}, with the triangle weight {@code w_j = max(0, 1 − |j + ½ − c| /
 * max(s, 1))} for {@link #resizeBilinear} (antialiased when shrinking) and, for {@link
 * #resizeNearest} (masks: class indices must never be blended), {@code in[min(⌊c⌋, n − 1)]}. Both
 * directions are resampled (vertical first) in floating point and rounded once at the end.
 */
public final class PlanarImage {
  private final int channels;
  private final int height;
  private final int width;
  private final byte[] samples;

  private PlanarImage(int channels, int height, int width, byte[] samples) {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "image shape: expected positive C×H×W, found " + channels + "×" + height + "×" + width);
    }
    long size = (long) channels * height * width;
    if (samples.length != size) {
      throw new IllegalArgumentException(
          "samples: expected C×H×W = "
              + channels
              + "×"
              + height
              + "×"
              + width
              + " = "
              + size
              + ", found "
              + samples.length);
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.samples = samples;
  }

  /**
   * @param channels number of planes
   * @param height rows
   * @param width columns
   * @param samples {@code channels × height × width} unsigned bytes in C×H×W order (copied)
   * @return the image
   */
  public static PlanarImage of(int channels, int height, int width, byte[] samples) {
    return new PlanarImage(channels, height, width, samples.clone());
  }

  /** Takes ownership of {@code samples}: for this package's decoders and transforms. */
  static PlanarImage owning(int channels, int height, int width, byte[] samples) {
    return new PlanarImage(channels, height, width, samples);
  }

  /**
   * @return number of planes
   */
  public int channels() {
    return channels;
  }

  /**
   * @return rows
   */
  public int height() {
    return height;
  }

  /**
   * @return columns
   */
  public int width() {
    return width;
  }

  /**
   * @return {@code channels × height × width}
   */
  public int size() {
    return samples.length;
  }

  /**
   * @param channel plane
   * @param y row
   * @param x column
   * @return the sample, 0..255
   */
  public int sample(int channel, int y, int x) {
    Objects.checkIndex(channel, channels);
    Objects.checkIndex(y, height);
    Objects.checkIndex(x, width);
    return samples[(channel * height + y) * width + x] & 0xFF;
  }

  /**
   * @return a copy of the samples, C×H×W order
   */
  public byte[] samples() {
    return samples.clone();
  }

  /**
   * Copies the samples scaled to {@code [0, 1]} ({@code sample / 255f}), C×H×W order.
   *
   * @param dst destination
   * @param offset where the image starts in {@code dst}
   */
  public void copyScaled(float[] dst, int offset) {
    PixelScale.copy(samples, 0, dst, offset, samples.length);
  }

  /**
   * Copies the samples unchanged as floats (class indices of a mask), C×H×W order.
   *
   * @param dst destination
   * @param offset where the image starts in {@code dst}
   */
  public void copyValues(float[] dst, int offset) {
    Objects.checkFromIndexSize(offset, samples.length, dst.length);
    for (int k = 0; k < samples.length; k++) {
      dst[offset + k] = samples[k] & 0xFF;
    }
  }

  /**
   * A window of this image; where the window leaves the image it is filled (padding).
   *
   * @param top first row of the window, may be negative
   * @param left first column of the window, may be negative
   * @param cropHeight rows of the window
   * @param cropWidth columns of the window
   * @param fill the value of each channel outside the image, 0..255, one per channel
   * @return the window
   */
  public PlanarImage crop(int top, int left, int cropHeight, int cropWidth, int... fill) {
    if (fill.length != channels) {
      throw new IllegalArgumentException(
          "fill: expected one value per channel (" + channels + "), found " + fill.length);
    }
    byte[] out = new byte[Math.multiplyExact(channels, Math.multiplyExact(cropHeight, cropWidth))];
    int fromX = Math.max(0, -left);
    int toX = Math.min(cropWidth, width - left);
    for (int c = 0; c < channels; c++) {
      int base = c * cropHeight * cropWidth;
      Arrays.fill(out, base, base + cropHeight * cropWidth, (byte) fill[c]);
      if (toX <= fromX) {
        continue;
      }
      for (int y = 0; y < cropHeight; y++) {
        int sy = top + y;
        if (sy < 0 || sy >= height) {
          continue;
        }
        System.arraycopy(
            samples,
            (c * height + sy) * width + left + fromX,
            out,
            base + y * cropWidth + fromX,
            toX - fromX);
      }
    }
    return new PlanarImage(channels, cropHeight, cropWidth, out);
  }

  /**
   * @return this image mirrored left to right
   */
  public PlanarImage flipHorizontal() {
    byte[] out = new byte[samples.length];
    for (int row = 0; row < channels * height; row++) {
      int base = row * width;
      for (int x = 0; x < width; x++) {
        out[base + x] = samples[base + width - 1 - x];
      }
    }
    return new PlanarImage(channels, height, width, out);
  }

  /**
   * Pillow's antialiased bilinear (triangle) resampling; see the class comment.
   *
   * @param newHeight rows of the result
   * @param newWidth columns of the result
   * @return the resized image
   */
  public PlanarImage resizeBilinear(int newHeight, int newWidth) {
    checkSize(newHeight, newWidth);
    if (newHeight == height && newWidth == width) {
      return this;
    }
    return resizeBilinearCrop(new ResizedCrop(newHeight, newWidth, 0, 0, newHeight, newWidth));
  }

  /**
   * A window of this image resized by {@link #resizeBilinear}, computing the window's samples only:
   * equal to {@code resizeBilinear(crop.height(), crop.width()).crop(crop.top(), crop.left(),
   * crop.cropHeight(), crop.cropWidth(), …)}, sample for sample.
   *
   * @param crop the resized size and the window
   * @return the window
   */
  public PlanarImage resizeBilinearCrop(ResizedCrop crop) {
    if (crop.height() == height && crop.width() == width) {
      return crop(crop.top(), crop.left(), crop.cropHeight(), crop.cropWidth(), new int[channels]);
    }
    return new BilinearResampling(
            BilinearWeights.triangle(height, crop.height(), crop.top(), crop.cropHeight()),
            BilinearWeights.triangle(width, crop.width(), crop.left(), crop.cropWidth()))
        .apply(channels, height, width, this::readRow);
  }

  /** {@link BilinearResampling.Rows} over this image. */
  private void readRow(int row, int x0, int count, float[][] lines) {
    for (int c = 0; c < channels; c++) {
      float[] line = lines[c];
      int in = (c * height + row) * width + x0;
      for (int x = 0; x < count; x++) {
        line[x] = samples[in + x] & 0xFF;
      }
    }
  }

  /**
   * Nearest-neighbour resampling, for class-index masks; see the class comment.
   *
   * @param newHeight rows of the result
   * @param newWidth columns of the result
   * @return the resized image
   */
  public PlanarImage resizeNearest(int newHeight, int newWidth) {
    checkSize(newHeight, newWidth);
    if (newHeight == height && newWidth == width) {
      return this;
    }
    int[] sourceX = nearest(width, newWidth);
    int[] sourceY = nearest(height, newHeight);
    byte[] out = new byte[channels * newHeight * newWidth];
    int k = 0;
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < newHeight; y++) {
        int row = (c * height + sourceY[y]) * width;
        for (int x = 0; x < newWidth; x++) {
          out[k++] = samples[row + sourceX[x]];
        }
      }
    }
    return new PlanarImage(channels, newHeight, newWidth, out);
  }

  private static int[] nearest(int in, int out) {
    double scale = (double) in / out;
    int[] source = new int[out];
    for (int i = 0; i < out; i++) {
      source[i] = Math.min((int) Math.floor((i + 0.5) * scale), in - 1);
    }
    return source;
  }

  private static void checkSize(int newHeight, int newWidth) {
    if (newHeight <= 0 || newWidth <= 0) {
      throw new IllegalArgumentException(
          "size: expected positive height×width, found " + newHeight + "×" + newWidth);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlanarImage that
        && channels == that.channels
        && height == that.height
        && width == that.width
        && Arrays.equals(samples, that.samples);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channels, height, width, Arrays.hashCode(samples));
  }

  @Override
  public String toString() {
    return "PlanarImage[" + channels + "×" + height + "×" + width + "]";
  }
}
