package org.deltaboost.harness.train.samples;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.List;
import org.deltaboost.data.core.InputNormalization;

/**
 * Samples a run trains on or is evaluated on, served a batch at a time: in-memory image sets
 * ({@link InMemorySamples}: IDX, CIFAR) and sets decoded from image files on demand ({@link
 * DecodedSamples}: ImageNet, VOC). A batch is {@code NDList(images, labels)}: {@code images}
 * float32 {@code (n, C, H, W)} already normalized ({@link #normalization()}), {@code labels}
 * float32 {@code (n)} class indices, or {@code (n, H, W)} masks of class indices with {@link
 * #IGNORED} for pixels that count nowhere (segmentation).
 *
 * <p>Randomness: a training set's augmentation of sample {@code i} in pass {@code p} depends only
 * on (the set's seed, {@code p}, {@code i}, and for in-memory sets the batch's position), never on
 * what was served before, so a run resumed at epoch {@code p} sees exactly what an uninterrupted
 * run sees. Evaluation sets do not augment.
 */
public interface SampleSet extends AutoCloseable {

  /** The label value of pixels that are neither trained on nor scored (VOC's void). */
  int IGNORED = 255;

  /** Returns a short name for messages, e.g. {@code fashion-mnist/train}. */
  String name();

  /** Returns the number of samples. */
  int size();

  /** Returns the shape {@code (C, H, W)} of one image as the network receives it. */
  Shape imageShape();

  /** Returns the shape of one label: {@code ()} for a class, {@code (H, W)} for a mask. */
  Shape labelShape();

  /** Returns the number of classes. */
  int numClasses();

  /** Returns the class names, index = label. */
  List<String> classNames();

  /** Returns how raw pixels became the images of a batch (what an exported model expects). */
  InputNormalization normalization();

  /**
   * Loads samples {@code order[from] … order[from + n − 1]}.
   *
   * @param manager where the arrays go; the caller closes it
   * @param order sample indices
   * @param from first position in {@code order}
   * @param n how many
   * @param pass the epoch (draws of the augmentation); evaluation sets ignore it
   * @return {@code NDList(images, labels)}
   * @throws IOException when a sample's file cannot be decoded (the message names it)
   */
  NDList batch(NDManager manager, int[] order, int from, int n, int pass) throws IOException;

  /**
   * Loads samples of a classification set as images plus their classes in Java, for a training step
   * that builds its targets in Java ({@link ClassBatch}); the same images and classes as {@link
   * #batch}. This default reads the label array of {@link #batch} back; sets that hold their labels
   * in Java skip making that array.
   *
   * @throws IOException when a sample's file cannot be decoded (the message names it)
   * @throws IllegalStateException for segmentation sets, whose labels are masks
   */
  default ClassBatch classBatch(NDManager manager, int[] order, int from, int n, int pass)
      throws IOException {
    if (labelShape().dimension() != 0) {
      throw new IllegalStateException(
          name() + ": labels are masks of shape " + labelShape() + ", not classes");
    }
    NDList batch = batch(manager, order, from, n, pass);
    float[] labels = batch.get(1).toFloatArray();
    int[] classes = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      classes[i] = (int) labels[i];
      if (classes[i] != labels[i]) {
        throw new IllegalStateException(name() + ": label " + labels[i] + " is not a class index");
      }
    }
    return new ClassBatch(batch.get(0), classes);
  }

  /**
   * Returns the samples at {@code indices} (in that order) as a set of their own.
   *
   * @param indices positions in this set
   * @param name the new set's name
   */
  SampleSet subset(int[] indices, String name);

  /** Returns the first {@code n} samples, or this set when it has no more. */
  default SampleSet head(int n) {
    if (n >= size()) {
      return this;
    }
    int[] first = new int[n];
    java.util.Arrays.setAll(first, i -> i);
    return subset(first, name() + "[:" + n + "]");
  }

  /**
   * Splits off a fraction of the samples, drawn by a seeded shuffle that depends only on {@code
   * seed}, so every run and strategy gets the same split.
   *
   * @param fraction the share in the first part, in (0, 1)
   * @param seed the shuffle's seed
   * @return {@code [first, rest]}, each in this set's order
   */
  List<SampleSet> split(double fraction, long seed);

  /**
   * Returns the same samples as an evaluation set: no augmentation (ImageNet: the centre crop; VOC:
   * whole images, padded), the same normalization.
   */
  SampleSet forEvaluation();

  /**
   * Returns how many unreadable files were replaced by readable ones so far (only when the set was
   * asked to skip them; otherwise an unreadable file fails its batch).
   */
  default int skippedUnreadable() {
    return 0;
  }

  /** Frees decoding threads, if any. */
  @Override
  default void close() {}
}
