package org.deltaboost.harness.train;

import org.deltaboost.data.core.ImageClassificationSet;

/**
 * The training and test sets of a run and where they came from.
 *
 * @param train the set the optimizer sees
 * @param test the set the error is measured on, never trained on
 * @param source a human-readable origin, e.g. the folder the files were read from
 */
public record TrainingData(ImageClassificationSet train, ImageClassificationSet test, String source) {

  /** Seed of the validation hold-out: one fixed split, so every seed and strategy sees the same. */
  private static final long VALIDATION_SEED = 0x5EED_0F_DA7AL;

  /**
   * Returns data whose evaluation set is {@code fraction} of the training set, held out from
   * training, in place of the test set; {@code fraction == 0} returns this.
   */
  public TrainingData withValidationHoldOut(double fraction) {
    if (fraction == 0) {
      return this;
    }
    ImageClassificationSet.Split split = train.split(fraction, VALIDATION_SEED);
    return new TrainingData(
        split.second(),
        split.first(),
        source + String.format(java.util.Locale.ROOT, " (validation: %.0f%% of train held out)", 100 * fraction));
  }

  /** Checks that both sets describe the same kind of image and the same classes. */
  public TrainingData {
    if (train.channels() != test.channels()
        || train.height() != test.height()
        || train.width() != test.width()
        || train.numClasses() != test.numClasses()) {
      throw new IllegalArgumentException(
          "train set " + train.name() + " and test set " + test.name() + " differ in image shape or classes");
    }
  }
}
