package org.deltaboost.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Hypercolumns (Hariharan et al. 2015) at chosen pixels: each feature map bilinearly interpolated
 * at the pixel's position, the maps' values concatenated.
 *
 * <p>A pixel at row {@code r}, column {@code c} of an {@code H×W} input lies, in a map of {@code
 * h×w} cells, at {@code r' = (r + ½)·h/H − ½}, {@code c' = (c + ½)·w/W − ½}: pixel and cell centres
 * aligned (PyTorch's {@code align_corners=False}), clamped to {@code [0, h−1]} and {@code [0,
 * w−1]}. With {@code r0 = ⌊r'⌋}, {@code r1 = min(r0+1, h−1)}, {@code a = r' − r0}, and likewise
 * {@code c0, c1, b}, the value is {@code (1−a)(1−b)·F[r0,c0] + (1−a)b·F[r0,c1] + a(1−b)·F[r1,c0] +
 * ab·F[r1,c1]}. At full resolution ({@code h = H}) this returns the pixel's own feature vector.
 * Gradients flow to the maps (through {@code gather}), not to the positions.
 */
final class HypercolumnSampler {

  private final List<NDArray> cellRows = new ArrayList<>();
  private final List<Shape> mapShapes = new ArrayList<>();
  private final long batch;
  private final long inputHeight;
  private final long inputWidth;

  /**
   * Prepares the maps for sampling.
   *
   * @param maps feature maps {@code (B, C_l, h_l, w_l)} of one batch
   * @param inputHeight the input images' height {@code H}
   * @param inputWidth the input images' width {@code W}
   */
  HypercolumnSampler(List<NDArray> maps, long inputHeight, long inputWidth) {
    this.batch = maps.get(0).getShape().get(0);
    this.inputHeight = inputHeight;
    this.inputWidth = inputWidth;
    for (NDArray map : maps) {
      Shape s = map.getShape();
      mapShapes.add(s);
      // (B, C, h, w) → (B·h·w, C): one row per cell, so gathering rows picks feature vectors
      cellRows.add(map.transpose(0, 2, 3, 1).reshape(s.get(0) * s.get(2) * s.get(3), s.get(1)));
    }
  }

  /** Returns {@code ΣC_l}, the length of one hypercolumn. */
  long hypercolumnSize() {
    return mapShapes.stream().mapToLong(s -> s.get(1)).sum();
  }

  /**
   * Samples {@code P} pixels per image.
   *
   * @param rows float {@code (B, P)}: each pixel's row in input coordinates
   * @param cols float {@code (B, P)}: each pixel's column in input coordinates
   * @return {@code (B·P, ΣC_l)}, image-major: row {@code b·P + p} is pixel {@code p} of image
   *     {@code b}
   */
  NDArray sample(NDArray rows, NDArray cols) {
    NDList parts = new NDList();
    for (int l = 0; l < cellRows.size(); l++) {
      parts.add(sampleMap(l, rows, cols));
    }
    // NDArrays.concat copies a lone array without its gradient history
    return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
  }

  private NDArray sampleMap(int l, NDArray rows, NDArray cols) {
    Shape s = mapShapes.get(l);
    long h = s.get(2);
    long w = s.get(3);
    NDArray r = mapped(rows, h, inputHeight);
    NDArray c = mapped(cols, w, inputWidth);
    NDArray r0 = r.floor();
    NDArray c0 = c.floor();
    NDArray a = r.sub(r0).reshape(-1, 1);
    NDArray b = c.sub(c0).reshape(-1, 1);
    NDArray r1 = r0.add(1).minimum(h - 1);
    NDArray c1 = c0.add(1).minimum(w - 1);
    // first cell row of each image: b·h·w, as (B, 1) to broadcast over the P pixels
    NDArray imageBase =
        rows.getManager().arange(0, batch * h * w, h * w, DataType.INT64).reshape(batch, 1);
    NDArray rows0 = r0.toType(DataType.INT64, false).mul(w).add(imageBase);
    NDArray rows1 = r1.toType(DataType.INT64, false).mul(w).add(imageBase);
    NDArray col0 = c0.toType(DataType.INT64, false);
    NDArray col1 = c1.toType(DataType.INT64, false);
    NDArray oneMinusA = a.neg().add(1);
    NDArray oneMinusB = b.neg().add(1);
    return cells(l, rows0.add(col0))
        .mul(oneMinusA.mul(oneMinusB))
        .add(cells(l, rows0.add(col1)).mul(oneMinusA.mul(b)))
        .add(cells(l, rows1.add(col0)).mul(a.mul(oneMinusB)))
        .add(cells(l, rows1.add(col1)).mul(a.mul(b)));
  }

  /** {@code clamp((x + ½)·cells/pixels − ½, 0, cells − 1)}. */
  private static NDArray mapped(NDArray x, long cells, long pixels) {
    return x.add(0.5).mul((double) cells / pixels).sub(0.5).clip(0, cells - 1);
  }

  /** The feature vectors of the cells with these flat indices, {@code (N, C)}. */
  private NDArray cells(int l, NDArray flatIndex) {
    NDArray table = cellRows.get(l);
    long n = flatIndex.size();
    // torch.gather needs an index as wide as the output; expand is a view, not a copy
    NDArray index = flatIndex.reshape(n, 1).broadcast(n, table.getShape().get(1));
    return table.gather(index, 0);
  }
}
