package org.deltaboost.harness.train;

import org.deltaboost.records.EpochProbes;
import org.deltaboost.records.EpochResult;

/** Receives a training run's progress: the console and the run record are observers. */
public interface TrainingObserver {

  /**
   * Called once, before anything else, when a run continues from a checkpoint.
   *
   * @param done the results of the epochs the checkpoint holds, in order
   * @param epochs the run's total number of epochs
   */
  default void onResume(java.util.List<EpochResult> done, int epochs) {}

  /**
   * Called once before the first epoch a run trains, with the network's parameters as that epoch
   * starts: freshly initialized (or pretrained) for a new run, the checkpoint's for a resumed one.
   */
  default void onTrainingStart(ai.djl.nn.Block initialized) {}

  /** Called before the first step of an epoch. */
  default void onEpochStart(int epoch, int epochs, int steps) {}

  /** Called after each training step. */
  default void onStep(int epoch, int step, int steps) {}

  /**
   * Called after each training step with its timing, before {@link #onStep}.
   *
   * @param epoch 1-based epoch
   * @param step 1-based step within the epoch
   * @param samples the batch's samples
   * @param dataNanos time spent building the batch
   * @param computeNanos the rest of the step: forward, loss, backward, probes and the update
   */
  default void onStepTimed(int epoch, int step, int samples, long dataNanos, long computeNanos) {}

  /** Called after an epoch's evaluation. */
  default void onEpochEnd(EpochResult result, int epochs) {}

  /**
   * Called after an epoch's evaluation with what the probes measured; by default forwards to {@link
   * #onEpochEnd(EpochResult, int)}. Training calls this one.
   */
  default void onEpochEnd(EpochResult result, EpochProbes probes, int epochs) {
    onEpochEnd(result, epochs);
  }

  /** Called once after the last epoch, while the trained parameters are still alive. */
  default void onTrainingEnd(ai.djl.nn.Block trained) {}
}
