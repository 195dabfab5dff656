package org.deltaboost.harness.train.samples;

import ai.djl.ndarray.NDArray;

/**
 * A batch of a classification set with its labels in Java: {@code images} float32 {@code (n, C, H,
 * W)} as {@link SampleSet#batch} gives them, and {@code classes[i]} the class of image {@code i}.
 * The training step turns the classes into the strategy's targets in Java, with no label array made
 * on the engine and read back.
 *
 * @param images the images, normalized
 * @param classes one class index per image
 */
public record ClassBatch(NDArray images, int[] classes) {}
