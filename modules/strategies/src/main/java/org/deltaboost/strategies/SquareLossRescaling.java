package org.deltaboost.strategies;

/**
 * Hui &amp; Belkin's rescaling of the square loss for tasks with many classes ("Evaluation of
 * Neural Architectures Trained with Square Loss vs Cross-Entropy in Classification Tasks", ICLR
 * 2021: the paragraph on rescaling the loss for a large number of classes and its table of {@code
 * k} and {@code M} per data set, §3 as we recall it): the labelled class's squared error weighted
 * by {@code k} and its target raised to {@code M}.
 *
 * <p>By class count {@code C}: below 48, {@code k = M = 1} (no rescaling, as the paper trains its
 * data sets of few classes, MNIST and CIFAR-10 among them); from 48 (TIMIT's 48 classes) up to 999,
 * {@code k = 1, M = 15}; from 1000 (ImageNet, Librispeech), {@code k = 15, M = 30}. The paper gives
 * values per data set, not a rule in {@code C}; the bands are ours, and a class count between its
 * data sets (CIFAR-100's 100, say) takes the band of the nearest smaller one.
 *
 * <p><b>Not verified.</b> The values for 48 and 1000 classes, and the section and table they are
 * in, were written from memory of the paper: the text could not be consulted when this class was
 * written. Confirm them there before citing a result that depends on them, or set {@code k} and
 * {@code M} explicitly ({@code strategy.trueClassWeight}, {@code strategy.positiveTarget}).
 *
 * @param trueClassWeight {@code k}
 * @param positiveTarget {@code M}
 */
record SquareLossRescaling(double trueClassWeight, double positiveTarget) {

  /** The smallest class count the paper rescales for (TIMIT). */
  static final int MANY_CLASSES = 48;

  /** The class count of ImageNet and Librispeech, the largest rescaling. */
  static final int THOUSAND_CLASSES = 1000;

  /**
   * Returns the rescaling for a task of {@code numClasses} classes.
   *
   * @throws IllegalArgumentException if {@code numClasses < 1}
   */
  static SquareLossRescaling forClasses(int numClasses) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
    }
    if (numClasses >= THOUSAND_CLASSES) {
      return new SquareLossRescaling(15, 30);
    }
    if (numClasses >= MANY_CLASSES) {
      return new SquareLossRescaling(1, 15);
    }
    return new SquareLossRescaling(1, 1);
  }
}
