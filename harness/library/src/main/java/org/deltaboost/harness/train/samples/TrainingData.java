package org.deltaboost.harness.train.samples;

import java.util.List;
import java.util.Locale;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * The training and test sets of a run and where they came from.
 *
 * @param train the set the optimizer sees
 * @param test the set the error is measured on, never trained on (an evaluation set)
 * @param source a human-readable origin, e.g. the folder the files were read from
 * @param topFive whether epochs also measure the top-5 error (ImageNet, CIFAR-100)
 */
public record TrainingData(SampleSet train, SampleSet test, String source, boolean topFive) {

  /** Seed of the validation hold-out: one fixed split, so every seed and strategy sees the same. */
  private static final long VALIDATION_SEED = 0x5EED_0F_DA7AL;

  /** In-memory sets served as {@code pixel / 255}, without augmentation or top-5. */
  public TrainingData(ImageClassificationSet train, ImageClassificationSet test, String source) {
    this(InMemorySamples.plain(train), InMemorySamples.plain(test), source, false);
  }

  /** Checks that both sets describe the same kind of image, label and the same classes. */
  public TrainingData {
    if (train.imageShape().get(0) != test.imageShape().get(0)
        || train.labelShape().dimension() != test.labelShape().dimension()
        || train.numClasses() != test.numClasses()) {
      throw new IllegalArgumentException(
          "train set "
              + train.name()
              + " and test set "
              + test.name()
              + " differ in image channels, label kind or classes");
    }
    if (!isSegmentation(train) && !train.imageShape().equals(test.imageShape())) {
      throw new IllegalArgumentException(
          "train set "
              + train.name()
              + " and test set "
              + test.name()
              + " differ in image shape: "
              + train.imageShape()
              + " vs "
              + test.imageShape());
    }
  }

  /** Returns whether labels are per-pixel masks rather than one class per image. */
  public boolean segmentation() {
    return isSegmentation(train);
  }

  private static boolean isSegmentation(SampleSet set) {
    return set.labelShape().dimension() > 0;
  }

  /**
   * Returns data whose evaluation set is {@code fraction} of the training set, held out from
   * training (and not augmented), in place of the test set; {@code fraction == 0} returns this.
   */
  public TrainingData withValidationHoldOut(double fraction) {
    if (fraction == 0) {
      return this;
    }
    List<SampleSet> split = train.split(fraction, VALIDATION_SEED);
    return new TrainingData(
        split.get(1),
        split.get(0).forEvaluation(),
        source
            + String.format(Locale.ROOT, " (validation: %.0f%% of train held out)", 100 * fraction),
        topFive);
  }
}
