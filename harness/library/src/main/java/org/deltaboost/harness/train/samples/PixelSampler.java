package org.deltaboost.harness.train.samples;

import java.util.SplittableRandom;

/**
 * PixelNet's sparse training sample (Bansal et al. 2017): per image {@code P} pixel positions drawn
 * uniformly, with replacement, from the image's labelled pixels (label ≠ {@link
 * SampleSet#IGNORED}), and their labels. An image without a labelled pixel (a crop of padding only)
 * draws from all its pixels; those positions carry the label {@link SampleSet#IGNORED}, and the
 * training step drops their rows before the loss.
 */
public final class PixelSampler {

  /**
   * The sampled positions.
   *
   * @param positions {@code n·P} pairs {@code [row, col]}, image-major, as PixelNet's pixel input
   * @param labels {@code n·P} labels, in the same order as PixelNet's sparse logits
   * @param ignored how many of them are {@link SampleSet#IGNORED}
   */
  public record Sample(float[] positions, float[] labels, int ignored) {}

  private PixelSampler() {}

  /**
   * Draws the positions.
   *
   * @param masks {@code n × height × width} labels
   * @param n images
   * @param height rows per mask
   * @param width columns per mask
   * @param perImage pixels per image, {@code P}
   * @param random the draws
   */
  public static Sample sample(
      float[] masks, int n, int height, int width, int perImage, SplittableRandom random) {
    int plane = height * width;
    float[] positions = new float[n * perImage * 2];
    float[] labels = new float[n * perImage];
    int[] labelled = new int[plane];
    int ignored = 0;
    for (int b = 0; b < n; b++) {
      int base = b * plane;
      int count = 0;
      for (int i = 0; i < plane; i++) {
        if (masks[base + i] != SampleSet.IGNORED) {
          labelled[count++] = i;
        }
      }
      for (int p = 0; p < perImage; p++) {
        int pixel = count > 0 ? labelled[random.nextInt(count)] : random.nextInt(plane);
        int k = b * perImage + p;
        positions[2 * k] = pixel / width;
        positions[2 * k + 1] = pixel % width;
        labels[k] = masks[base + pixel];
        if (count == 0) {
          ignored++;
        }
      }
    }
    return new Sample(positions, labels, ignored);
  }
}
