package org.deltaboost.architectures;

import ai.djl.nn.Block;

/**
 * A network that classifies every pixel of its input images, in two forward modes told apart by the
 * number of inputs:
 *
 * <ul>
 *   <li><b>Sparse</b> (training): {@code NDList(images, positions)}, images {@code (B, C, H, W)}
 *       and {@code (B, P, 2)} positions {@code [row, col]} in input pixel coordinates, to logits
 *       {@code (B·P, K)}, image-major, compared with the label image's values at those positions;
 *   <li><b>Dense</b> (inference): {@code NDList(images)} to logits {@code (B, K, H, W)}, every
 *       pixel classified at input resolution; {@code argmax(logits, 1)} is the segmentation.
 * </ul>
 *
 * Exporters write its dense form. {@link PixelNetBlock} is the one here.
 */
public interface DensePrediction extends Block {}
