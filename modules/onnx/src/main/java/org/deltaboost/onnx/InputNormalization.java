package org.deltaboost.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * How raw pixels become the network's input: {@code x = (pixel · pixelScale − mean[c]) / std[c]}
 * for a pixel of channel {@code c}. Training in this project feeds {@code pixel / 255} with no mean
 * or deviation, which is {@link #unitInterval()}.
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
