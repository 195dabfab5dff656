package org.deltaboost.harness.train;

/** Receives a training run's progress: the console and the run record are observers. */
public interface TrainingObserver {

  /** Called before the first step of an epoch. */
  default void onEpochStart(int epoch, int epochs, int steps) {}

  /** Called after each training step. */
  default void onStep(int epoch, int step, int steps) {}

  /** Called after an epoch's evaluation. */
  default void onEpochEnd(EpochResult result, int epochs) {}
}
