package org.deltaboost.harness.runs;

import org.deltaboost.harness.train.TrainingObserver;

/**
 * Hears a recorded run's progress ({@link TrainingObserver}) and what happens to its folder, e.g. a
 * lock taken over from a process that was killed.
 */
public interface RunObserver extends TrainingObserver {

  /** Called with one line about the run folder, before training starts. */
  default void onNote(String text) {}
}
