package org.deltaboost.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Objects;

/**
 * Pixel counts {@code n[t][p]} of true class {@code t} predicted as {@code p}, ignoring pixels
 * whose truth is {@link #IGNORED} (255, the void label of PASCAL VOC masks), as the VOC devkit
 * scores.
 *
 * <p>Per class {@code c}: {@code IoU_c = n[c][c] / (Σ_p n[c][p] + Σ_t n[t][c] − n[c][c])}, i.e. TP
 * / (TP + FP + FN); undefined (NaN) for a class neither present nor predicted. {@code mIoU} is the
 * mean over the classes whose IoU is defined. Pixel accuracy is {@code Σ_c n[c][c] / Σ n}. Not
 * thread-safe.
 */
public final class SegmentationConfusionMatrix {
  /** The truth label that is not counted: 255, VOC's void (object boundaries, unlabelled). */
  public static final int IGNORED = 255;

  private final int classes;
  private final long[] counts;

  /**
   * @param classes number of classes, 1 to 254 (21 for VOC)
   */
  public SegmentationConfusionMatrix(int classes) {
    if (classes < 1 || classes >= IGNORED) {
      throw new IllegalArgumentException(
          "classes: expected 1.." + (IGNORED - 1) + ", found " + classes);
    }
    this.classes = classes;
    this.counts = new long[classes * classes];
  }

  /**
   * @return the number of classes
   */
  public int classes() {
    return classes;
  }

  /**
   * Counts one image's (or batch's) pixels.
   *
   * @param truth true classes, 0..classes−1 or 255 (ignored)
   * @param predicted predicted classes, 0..classes−1, same length
   * @throws IllegalArgumentException for different lengths or a value out of range
   */
  public void add(int[] truth, int[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException(
          "predicted: expected " + truth.length + " pixels as in truth, found " + predicted.length);
    }
    for (int i = 0; i < truth.length; i++) {
      int t = truth[i];
      if (t == IGNORED) {
        continue;
      }
      int p = predicted[i];
      if (t < 0 || t >= classes) {
        throw new IllegalArgumentException(
            "truth at " + i + ": expected 0.." + (classes - 1) + " or 255, found " + t);
      }
      if (p < 0 || p >= classes) {
        throw new IllegalArgumentException(
            "predicted at " + i + ": expected 0.." + (classes - 1) + ", found " + p);
      }
      counts[t * classes + p]++;
    }
  }

  /**
   * Counts a batch given as arrays of any shape (e.g. the dataset's (B, H, W) labels and the argmax
   * of the scores over the class axis).
   *
   * @param truth true classes
   * @param predicted predicted classes, same number of elements
   */
  public void add(NDArray truth, NDArray predicted) {
    add(toInts(truth), toInts(predicted));
  }

  private static int[] toInts(NDArray array) {
    return array.getDataType() == DataType.INT32
        ? array.toIntArray()
        : array.toType(DataType.INT32, false).toIntArray();
  }

  /**
   * @param truth true class
   * @param predicted predicted class
   * @return the number of such pixels counted
   */
  public long count(int truth, int predicted) {
    Objects.checkIndex(truth, classes);
    Objects.checkIndex(predicted, classes);
    return counts[truth * classes + predicted];
  }

  /**
   * @param c a class
   * @return TP / (TP + FP + FN) of class {@code c}, NaN if it was neither present nor predicted
   */
  public double iou(int c) {
    Objects.checkIndex(c, classes);
    long truePositive = counts[c * classes + c];
    long union = -truePositive;
    for (int k = 0; k < classes; k++) {
      union += counts[c * classes + k] + counts[k * classes + c];
    }
    return union == 0 ? Double.NaN : (double) truePositive / union;
  }

  /**
   * @return the IoU of every class, indexed by class
   */
  public double[] ious() {
    double[] out = new double[classes];
    Arrays.setAll(out, this::iou);
    return out;
  }

  /**
   * @return the mean IoU over the classes whose IoU is defined, NaN if none is
   */
  public double meanIou() {
    double sum = 0;
    int defined = 0;
    for (int c = 0; c < classes; c++) {
      double iou = iou(c);
      if (!Double.isNaN(iou)) {
        sum += iou;
        defined++;
      }
    }
    return defined == 0 ? Double.NaN : sum / defined;
  }

  /**
   * @return the share of counted pixels predicted right, NaN if none was counted
   */
  public double pixelAccuracy() {
    long total = 0;
    long right = 0;
    for (int t = 0; t < classes; t++) {
      for (int p = 0; p < classes; p++) {
        total += counts[t * classes + p];
      }
      right += counts[t * classes + t];
    }
    return total == 0 ? Double.NaN : (double) right / total;
  }

  /** Forgets every count. */
  public void reset() {
    Arrays.fill(counts, 0);
  }

  @Override
  public String toString() {
    return "SegmentationConfusionMatrix[" + classes + " classes, mIoU " + meanIou() + "]";
  }
}
