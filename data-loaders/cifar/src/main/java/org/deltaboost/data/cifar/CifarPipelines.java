package org.deltaboost.data.cifar;

import ai.djl.translate.Pipeline;
import org.deltaboost.data.core.InputNormalization;

/**
 * The DJL pipelines of the usual CIFAR recipe, for {@code ImageClassificationDataset.builder(set)
 * .optPipeline(…)}: the dataset serves {@code pixel / 255} batches of (B, 3, 32, 32), and the
 * pipeline transforms each whole batch, standardizing with the training set's {@link
 * InputNormalization}.
 *
 * <pre>{@code
 * ImageClassificationSet train = CifarDataset.CIFAR_10.load(locator, CifarSplit.TRAIN);
 * ImageClassificationSet test = CifarDataset.CIFAR_10.load(locator, CifarSplit.TEST);
 * InputNormalization normalization = InputNormalization.of(train); // of the training part only
 * RandomCropFlip augmentation = RandomCropFlip.builder().optSeed(seed).build();
 * Dataset trainData = ImageClassificationDataset.builder(train)
 *     .setSampling(128, true).optPipeline(CifarPipelines.training(normalization, augmentation)).build();
 * Dataset testData = ImageClassificationDataset.builder(test)
 *     .setSampling(128, false).optPipeline(CifarPipelines.evaluation(normalization)).build();
 * }</pre>
 */
public final class CifarPipelines {
  private CifarPipelines() {}

  /**
   * @param normalization the training set's per-channel mean and deviation of {@code pixel / 255}
   * @param augmentation the random crop and flip (switch parts off in its builder)
   * @return crop and flip, then normalize
   */
  public static Pipeline training(InputNormalization normalization, RandomCropFlip augmentation) {
    return new Pipeline(augmentation, normalization.standardization());
  }

  /**
   * @param normalization the training set's per-channel mean and deviation of {@code pixel / 255}
   * @return normalize only
   */
  public static Pipeline evaluation(InputNormalization normalization) {
    return new Pipeline(normalization.standardization());
  }
}
