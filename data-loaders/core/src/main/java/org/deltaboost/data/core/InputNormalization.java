package org.deltaboost.data.core;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How raw pixels become the network's input: {@code x' = (x · pixelScale − mean_c) / std_c} for a
 * pixel x of channel c; a single-channel normalization applies to every channel. Training in this
 * project feeds {@code pixel / 255} with no mean or deviation, which is {@link #unitInterval()};
 * the loaders serve that scale step with {@link PixelScale}, and {@link #standardize} and {@link
 * #standardization()} apply the rest, {@code (v − mean_c) / std_c}, to such values.
 *
 * <p>{@link #of(ImageClassificationSet)} computes it from training data: over the {@code n = N·H·W}
 * values {@code v = p/255} of channel c, {@code mean_c = Σv/n} and {@code std_c = sqrt(Σv²/n −
 * mean_c²)} (population deviation, as torchvision-style recipes quote for CIFAR-10: about 0.4914,
 * 0.4822, 0.4465 and 0.2470, 0.2435, 0.2616).
 *
 * <p>Its text form, stored in the ONNX metadata, is {@code pixelScale=S;mean=m0,m1,…;std=s0,s1,…}
 * with every number in {@link Double#toString(double)} form, so it reads back exactly.
 *
 * @param pixelScale factor applied to the raw pixel value; finite and positive
 * @param mean per-channel mean subtracted after scaling; finite values, at least one
 * @param std per-channel deviation divided by; finite positive values, as many as {@code mean}
 */
public record InputNormalization(double pixelScale, List<Double> mean, List<Double> std) {

  /** Validates every field; throws {@link IllegalArgumentException} naming the field and value. */
  public InputNormalization {
    if (!(pixelScale > 0) || Double.isInfinite(pixelScale)) {
      throw new IllegalArgumentException("pixelScale must be finite and > 0, got " + pixelScale);
    }
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    if (mean.isEmpty() || mean.size() != std.size()) {
      throw new IllegalArgumentException(
          "mean and std need one value per channel (same size, at least 1), got mean "
              + mean
              + " and std "
              + std);
    }
    for (double m : mean) {
      if (!Double.isFinite(m)) {
        throw new IllegalArgumentException("mean values must be finite, got " + mean);
      }
    }
    for (double s : std) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("std values must be finite and > 0, got " + std);
      }
    }
  }

  /**
   * Returns {@code pixel / 255} for any number of channels, the normalization of our data loaders.
   *
   * @return {@code pixelScale = 1/255}, mean 0, std 1
   */
  public static InputNormalization unitInterval() {
    return new InputNormalization(1.0 / 255, List.of(0.0), List.of(1.0));
  }

  /**
   * Computes the per-channel mean and deviation of {@code pixel / 255} over a set. Sums are exact
   * integer sums of the bytes, so the result does not depend on summation order. Compute it on the
   * training part only, after any validation split.
   *
   * @param training the training images
   * @return {@code pixelScale = 1/255} with their per-channel mean and deviation
   * @throws IllegalArgumentException if the set is empty or a channel is constant (deviation 0)
   */
  public static InputNormalization of(ImageClassificationSet training) {
    int channels = training.channels();
    int plane = training.height() * training.width();
    long[] sum = new long[channels];
    long[] sumOfSquares = new long[channels];
    byte[] image = new byte[training.imageSize()];
    for (int i = 0; i < training.size(); i++) {
      training.copyPixels(i, image, 0);
      for (int c = 0; c < channels; c++) {
        long s = 0;
        long q = 0;
        for (int k = c * plane, end = k + plane; k < end; k++) {
          int p = image[k] & 0xFF;
          s += p;
          q += p * p;
        }
        sum[c] += s;
        sumOfSquares[c] += q;
      }
    }
    double n = (double) training.size() * plane;
    if (n == 0) {
      throw new IllegalArgumentException(training.name() + ": channel statistics of an empty set");
    }
    List<Double> mean = new ArrayList<>(channels);
    List<Double> std = new ArrayList<>(channels);
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / n;
      double variance = Math.max(0, sumOfSquares[c] / n - m * m);
      mean.add(m / 255);
      std.add(Math.sqrt(variance) / 255);
      if (!(std.get(c) > 0)) {
        throw new IllegalArgumentException(
            "channel "
                + c
                + ": expected a finite mean and a positive finite deviation, found mean "
                + mean.get(c)
                + ", std "
                + std.get(c));
      }
    }
    return new InputNormalization(1.0 / 255, mean, std);
  }

  /**
   * Normalizes one pixel.
   *
   * @param pixel the raw value (0–255 for unsigned 8-bit images)
   * @param channel the pixel's channel; a single-channel normalization applies to every channel
   * @return {@code (pixel · pixelScale − mean[c]) / std[c]}
   */
  public float normalize(double pixel, int channel) {
    int c = mean.size() == 1 ? 0 : channel;
    if (c < 0 || c >= mean.size()) {
      throw new IllegalArgumentException(
          "channel " + channel + " outside the " + mean.size() + " channels of " + this);
    }
    return (float) ((pixel * pixelScale - mean.get(c)) / std.get(c));
  }

  /**
   * Normalizes images stored as unsigned bytes in N×C×H×W order.
   *
   * @param pixels unsigned 8-bit pixels, image after image, channel-planar
   * @param channels channels per image
   * @param height rows per image
   * @param width columns per image
   * @return the network input, same order and length
   */
  public float[] apply(byte[] pixels, int channels, int height, int width) {
    long plane = (long) height * width;
    if (channels < 1 || plane < 1 || pixels.length % (channels * plane) != 0) {
      throw new IllegalArgumentException(
          pixels.length
              + " pixels are not a whole number of "
              + channels
              + "×"
              + height
              + "×"
              + width
              + " images");
    }
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      int channel = (int) ((i / plane) % channels);
      out[i] = normalize(Byte.toUnsignedInt(pixels[i]), channel);
    }
    return out;
  }

  /**
   * Applies the mean and deviation in place to values already scaled by {@code pixelScale}: {@code
   * v' = (v − (float) mean_c) · (float) (1 / std_c)} in float arithmetic, for {@code images} images
   * of {@code channels × plane} values at the start of {@code values}. A normalization with mean 0
   * and std 1 leaves the values untouched.
   *
   * @param values {@code images × channels × plane} values or more, channel-planar
   * @param images images to standardize
   * @param channels channels per image: the normalization's, or any with a single-channel one
   * @param plane values per channel ({@code height × width})
   * @throws IllegalArgumentException if {@code channels} does not match the normalization's
   * @throws IndexOutOfBoundsException if {@code values} holds fewer than that many values
   */
  public void standardize(float[] values, int images, int channels, int plane) {
    if (mean.size() != 1 && channels != mean.size()) {
      throw new IllegalArgumentException(
          "normalization " + this + " has " + mean.size() + " channels, the images " + channels);
    }
    Objects.checkFromIndexSize(0, (long) images * channels * plane, values.length);
    boolean identity = true;
    float[] m = new float[mean.size()];
    float[] inverseStd = new float[mean.size()];
    for (int c = 0; c < m.length; c++) {
      m[c] = mean.get(c).floatValue();
      inverseStd[c] = (float) (1 / std.get(c));
      identity &= m[c] == 0 && inverseStd[c] == 1;
    }
    if (identity) {
      return;
    }
    for (int b = 0; b < images; b++) {
      for (int c = 0; c < channels; c++) {
        int k = m.length == 1 ? 0 : c;
        float shift = m[k];
        float factor = inverseStd[k];
        for (int i = (b * channels + c) * plane, end = i + plane; i < end; i++) {
          values[i] = (values[i] - shift) * factor;
        }
      }
    }
  }

  /**
   * Returns {@link #standardize} as a DJL transform on a float32 (B, C, H, W) or (C, H, W) array of
   * values already scaled by {@code pixelScale}, with C the normalization's channels. Put it after
   * any padding crop, so the zero padding becomes {@code −mean_c/std_c} as in the usual recipe
   * (pad, crop, flip, then normalize).
   *
   * @return a transform answering a new array in the input's manager
   */
  public Transform standardization() {
    return array -> {
      Shape shape = array.getShape();
      int d = shape.dimension();
      if (array.getDataType() != DataType.FLOAT32 || d < 3 || d > 4) {
        throw new IllegalArgumentException(
            "image batch: expected float32 (B, C, H, W) or (C, H, W), found "
                + array.getDataType()
                + " "
                + shape);
      }
      int channels = Math.toIntExact(shape.get(d - 3));
      if (channels != mean.size()) {
        throw new IllegalArgumentException(
            "image batch: expected " + mean.size() + " channels, found shape " + shape);
      }
      int plane = Math.toIntExact(shape.get(d - 2) * shape.get(d - 1));
      int images = d == 4 ? Math.toIntExact(shape.get(0)) : 1;
      float[] values = array.toFloatArray();
      standardize(values, images, channels, plane);
      return array.getManager().create(values, shape);
    };
  }

  /** Returns the metadata form {@code pixelScale=S;mean=…;std=…}. */
  @Override
  public String toString() {
    return "pixelScale=" + pixelScale + ";mean=" + join(mean) + ";std=" + join(std);
  }

  /**
   * Reads the form written by {@link #toString()}.
   *
   * @param text the metadata value
   * @return the normalization
   * @throws IllegalArgumentException naming the text if it is not in that form
   */
  public static InputNormalization parse(String text) {
    String[] parts = text.split(";", -1);
    if (parts.length != 3
        || !parts[0].startsWith("pixelScale=")
        || !parts[1].startsWith("mean=")
        || !parts[2].startsWith("std=")) {
      throw new IllegalArgumentException(
          "input normalization: expected pixelScale=S;mean=m,…;std=s,…, found '" + text + "'");
    }
    try {
      return new InputNormalization(
          Double.parseDouble(parts[0].substring("pixelScale=".length())),
          numbers(parts[1].substring("mean=".length())),
          numbers(parts[2].substring("std=".length())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "input normalization: a value is not a number in '" + text + "'", e);
    }
  }

  private static String join(List<Double> values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : ",").append(v);
    }
    return b.toString();
  }

  private static List<Double> numbers(String csv) {
    List<Double> values = new ArrayList<>();
    for (String v : csv.split(",", -1)) {
      values.add(Double.parseDouble(v));
    }
    return values;
  }
}
