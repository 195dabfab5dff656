package org.deltaboost.data.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, in-memory set of labelled images: unsigned 8-bit pixels stored image after image in
 * N×C×H×W order (channel-planar), and one class label in {@code [0, numClasses)} per image.
 *
 * <p>The arrays given to the constructor are copied, so the set can be shared between threads and
 * between experiments without defensive copies on read.
 */
public final class ImageClassificationSet {
  private final String name;
  private final byte[] pixels;
  private final int[] labels;
  private final int channels;
  private final int height;
  private final int width;
  private final int imageSize;
  private final List<String> classNames;

  /** Two disjoint parts of a set, as made by {@link #split(double, long)}. */
  public record Split(ImageClassificationSet first, ImageClassificationSet second) {
    /** Checks that both parts are present. */
    public Split {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }
  }

  /**
   * Creates a set from copies of the given arrays.
   *
   * @param name where the images come from, e.g. {@code "fashion-mnist/train"}
   * @param pixels {@code labels.length × channels × height × width} unsigned bytes, N×C×H×W order
   * @param labels the class of each image, each in {@code [0, classNames.size())}
   * @param channels channels per image (1 for grey, 3 for RGB)
   * @param height rows per image
   * @param width columns per image
   * @param classNames the name of each class; its size is the number of classes
   * @throws IllegalArgumentException if a size, label or name is inconsistent
   */
  public ImageClassificationSet(
      String name,
      byte[] pixels,
      int[] labels,
      int channels,
      int height,
      int width,
      List<String> classNames) {
    this(
        name,
        pixels.clone(),
        labels.clone(),
        channels,
        height,
        width,
        List.copyOf(classNames),
        true);
  }

  /**
   * Creates a set as {@link #ImageClassificationSet(String, byte[], int[], int, int, int, List)}
   * does, with the same parameters and checks, but holding {@code pixels} and {@code labels}
   * themselves instead of copies: for a loader that has just read them (a set of 50,000 CIFAR
   * images is 150 MB, and its copy would be garbage at once). The caller must not change the arrays
   * afterwards.
   *
   * @return the set
   * @throws IllegalArgumentException if a size, label or name is inconsistent
   */
  public static ImageClassificationSet owning(
      String name,
      byte[] pixels,
      int[] labels,
      int channels,
      int height,
      int width,
      List<String> classNames) {
    return new ImageClassificationSet(
        name, pixels, labels, channels, height, width, List.copyOf(classNames), true);
  }

  /**
   * Takes ownership of the arrays; derived sets skip the label check, their labels were checked
   * here.
   */
  private ImageClassificationSet(
      String name,
      byte[] pixels,
      int[] labels,
      int channels,
      int height,
      int width,
      List<String> classNames,
      boolean checkLabels) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: expected a non-blank name, found " + quote(name));
    }
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          name
              + ": image shape: expected positive channels×height×width, found "
              + channels
              + "×"
              + height
              + "×"
              + width);
    }
    long size = (long) channels * height * width;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + ": image shape: " + channels + "×" + height + "×" + width + " is too large");
    }
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": classNames: expected at least one class, found none");
    }
    long expectedPixels = labels.length * size;
    if (pixels.length != expectedPixels) {
      throw new IllegalArgumentException(
          name
              + ": pixels: expected N×C×H×W = "
              + labels.length
              + "×"
              + channels
              + "×"
              + height
              + "×"
              + width
              + " = "
              + expectedPixels
              + " bytes, found "
              + pixels.length);
    }
    this.name = name;
    this.pixels = pixels;
    this.labels = labels;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.imageSize = (int) size;
    this.classNames = classNames;
    if (checkLabels) {
      validateLabels();
    }
  }

  private void validateLabels() {
    int numClasses = classNames.size();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            name
                + ": label of image "
                + i
                + ": expected 0.."
                + (numClasses - 1)
                + ", found "
                + labels[i]);
      }
    }
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  /**
   * @return the number of images
   */
  public int size() {
    return labels.length;
  }

  /**
   * @return channels per image
   */
  public int channels() {
    return channels;
  }

  /**
   * @return rows per image
   */
  public int height() {
    return height;
  }

  /**
   * @return columns per image
   */
  public int width() {
    return width;
  }

  /**
   * @return bytes per image, channels × height × width
   */
  public int imageSize() {
    return imageSize;
  }

  /**
   * @return the number of classes
   */
  public int numClasses() {
    return classNames.size();
  }

  /**
   * @return the class names, indexed by label (unmodifiable)
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * @return where the images come from, e.g. {@code "fashion-mnist/train"}
   */
  public String name() {
    return name;
  }

  /**
   * @param index an image index in {@code [0, size())}
   * @return that image's class
   */
  public int label(int index) {
    return labels[Objects.checkIndex(index, labels.length)];
  }

  /**
   * @return a copy of all labels, in image order
   */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * @return the number of images of each class, indexed by label
   */
  public int[] classCounts() {
    int[] counts = new int[classNames.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /**
   * @param index an image index in {@code [0, size())}
   * @return a copy of that image's pixels, C×H×W order
   */
  public byte[] pixels(int index) {
    byte[] out = new byte[imageSize];
    copyPixels(index, out, 0);
    return out;
  }

  /**
   * Copies one image's raw pixels, C×H×W order.
   *
   * @param index an image index in {@code [0, size())}
   * @param dst the destination
   * @param dstOffset where the image starts in {@code dst}
   */
  public void copyPixels(int index, byte[] dst, int dstOffset) {
    System.arraycopy(pixels, offset(index), dst, dstOffset, imageSize);
  }

  /**
   * Puts one image's raw pixels, C×H×W order, at {@code dst}'s position, advancing it.
   *
   * @param index an image index in {@code [0, size())}
   * @param dst the destination (a direct buffer for a native array, for instance)
   * @throws java.nio.BufferOverflowException when fewer than C×H×W bytes remain in {@code dst}
   */
  public void putPixels(int index, ByteBuffer dst) {
    dst.put(pixels, offset(index), imageSize);
  }

  /**
   * Copies one image scaled to {@code [0, 1]}: {@code dst[dstOffset + k] = pixel[k] / 255f}, C×H×W
   * order.
   *
   * @param index an image index in {@code [0, size())}
   * @param dst the destination
   * @param dstOffset where the image starts in {@code dst}
   */
  public void copyScaled(int index, float[] dst, int dstOffset) {
    PixelScale.copy(pixels, offset(index), dst, dstOffset, imageSize);
  }

  private int offset(int index) {
    return Objects.checkIndex(index, labels.length) * imageSize;
  }

  /**
   * The images at the given indices, in that order; an index may repeat (for bootstrap samples).
   *
   * @param indices image indices in {@code [0, size())}
   * @param name the name of the new set
   * @return a new set holding copies of those images
   */
  public ImageClassificationSet subset(int[] indices, String name) {
    byte[] subPixels = new byte[Math.multiplyExact(indices.length, imageSize)];
    int[] subLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      copyPixels(indices[i], subPixels, i * imageSize);
      subLabels[i] = labels[indices[i]];
    }
    return new ImageClassificationSet(
        name, subPixels, subLabels, channels, height, width, classNames, false);
  }

  /**
   * Splits the images at random into two disjoint parts, e.g. training and validation. A shuffle
   * seeded with {@code seed} ({@link java.util.Random}, so the same on every JVM) picks {@code
   * round(fraction × size())} images for the first part; the rest form the second. Each part keeps
   * the original relative order of its images.
   *
   * @param fraction the share of images in the first part, in {@code [0, 1]}
   * @param seed the shuffle's seed
   * @return the two parts, named after this set, the fraction and the seed
   */
  public Split split(double fraction, long seed) {
    RandomSplit parts = RandomSplit.ofFraction(labels.length, fraction, seed);
    int[] first = parts.first();
    int[] second = parts.second();
    String prefix = name + "[split " + fraction + " seed " + seed + ": ";
    return new Split(subset(first, prefix + "first]"), subset(second, prefix + "second]"));
  }

  /**
   * @param n how many images to keep, in {@code [0, size()]}
   * @return the first {@code n} images, named {@code "<name>[head n]"}
   */
  public ImageClassificationSet head(int n) {
    Objects.checkFromToIndex(0, n, labels.length);
    return new ImageClassificationSet(
        name + "[head " + n + "]",
        Arrays.copyOf(pixels, n * imageSize),
        Arrays.copyOf(labels, n),
        channels,
        height,
        width,
        classNames,
        false);
  }

  @Override
  public String toString() {
    return "ImageClassificationSet["
        + name
        + ": "
        + labels.length
        + " images of "
        + channels
        + "×"
        + height
        + "×"
        + width
        + ", "
        + classNames.size()
        + " classes]";
  }
}
