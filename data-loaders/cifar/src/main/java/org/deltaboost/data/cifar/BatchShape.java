package org.deltaboost.data.cifar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The (B, C, H, W) of a batch handed to a transform; a single (C, H, W) image counts as B = 1. */
record BatchShape(int batchSize, int channels, int height, int width) {
  /** Reads the shape. */
  static BatchShape of(NDArray array) {
    Shape shape = array.getShape();
    if (array.getDataType() != DataType.FLOAT32 || shape.dimension() < 3 || shape.dimension() > 4) {
      throw new IllegalArgumentException(
          "image batch: expected float32 (B, C, H, W) or (C, H, W), found "
              + array.getDataType()
              + " "
              + shape);
    }
    int d = shape.dimension();
    int batchSize = d == 4 ? Math.toIntExact(shape.get(0)) : 1;
    int channels = Math.toIntExact(shape.get(d - 3));
    return new BatchShape(
        batchSize, channels, Math.toIntExact(shape.get(d - 2)), Math.toIntExact(shape.get(d - 1)));
  }

  static void check(int length, int batchSize, int channels, int height, int width) {
    long expected = (long) batchSize * channels * height * width;
    if (batchSize < 0 || height <= 0 || width <= 0 || length != expected) {
      throw new IllegalArgumentException(
          "image batch: expected B×C×H×W = "
              + batchSize
              + "×"
              + channels
              + "×"
              + height
              + "×"
              + width
              + " = "
              + expected
              + " values, found "
              + length);
    }
  }
}
