package org.deltaboost.architectures;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * The unit the batch-normalized nets repeat: {@code relu(BN(conv(x)))}, BN placed before the
 * non-linearity as Ioffe and Szegedy (2015) do.
 *
 * <p>The convolution has no bias: BN subtracts the batch mean, which cancels any bias, and its
 * shift β takes the bias's role (Ioffe &amp; Szegedy §3.2). A unit with {@code in} input channels,
 * {@code out} filters and a {@code k×k} kernel therefore has {@code in·out·k² + 2·out} trainable
 * parameters (weights, then BN's γ and β; the running mean and variance are not trained).
 */
final class ConvBnRelu {

  private ConvBnRelu() {}

  /** Returns {@code relu(BN(conv_{k×k, stride, padding}(x)))} with {@code filters} channels. */
  static SequentialBlock block(int filters, int kernel, int stride, int padding) {
    return new SequentialBlock()
        .add(
            Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
  }

  /** Trainable parameters of one unit: {@code in·out·k² + 2·out}. */
  static long parameterCount(long inChannels, long filters, int kernel) {
    return inChannels * filters * kernel * kernel + 2 * filters;
  }

  /**
   * The side of a convolution's or pooling's output, {@code ⌊(in + 2·padding − kernel)/stride⌋ +
   * 1}.
   *
   * @throws IllegalArgumentException naming the layer when the input is too small for the kernel
   */
  static long outputSide(String layer, long in, int kernel, int stride, int padding) {
    long padded = in + 2L * padding;
    if (padded < kernel) {
      throw new IllegalArgumentException(
          layer
              + ": input side "
              + in
              + " (padded "
              + padded
              + ") is smaller than its "
              + kernel
              + "x"
              + kernel
              + " kernel; use a larger input size");
    }
    return (padded - kernel) / stride + 1;
  }

  /** Checks a channel/unit count and returns it. */
  static int positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + value);
    }
    return value;
  }

  /** Checks a class count (at least 2) and returns it. */
  static int classes(int value) {
    if (value < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2, got " + value);
    }
    return value;
  }

  /** Checks a dropout rate in {@code [0, 1)} and returns it. */
  static float dropoutRate(float rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    return rate;
  }
}
