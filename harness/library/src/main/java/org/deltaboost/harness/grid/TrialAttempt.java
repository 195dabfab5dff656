package org.deltaboost.harness.grid;

/**
 * What an executor did with one trial.
 *
 * @param kind what happened
 * @param detail the recorded status ({@link Kind#SKIPPED}), the divergence message ({@link
 *     Kind#DIVERGED}), the lock holder ({@link Kind#LEFT_TO_OTHER}), else {@code null}
 */
public record TrialAttempt(Kind kind, String detail) {

  /** What happened to a trial. */
  public enum Kind {
    /** Already finished (completed or diverged) when looked at: read back, not trained. */
    SKIPPED,
    /** Trained to its last epoch (new or resumed). */
    TRAINED,
    /** Stopped by a non-finite loss, recorded as diverged. */
    DIVERGED,
    /** Its folder is locked by another process, which is left to train it. */
    LEFT_TO_OTHER
  }

  /** A finished trial that was not trained again. */
  public static TrialAttempt skipped(String status) {
    return new TrialAttempt(Kind.SKIPPED, status);
  }

  /** A trial trained to its end. */
  public static TrialAttempt trained() {
    return new TrialAttempt(Kind.TRAINED, null);
  }

  /** A trial that diverged, with the message saying where. */
  public static TrialAttempt diverged(String message) {
    return new TrialAttempt(Kind.DIVERGED, message);
  }

  /** A trial left to the process {@code holder} names. */
  public static TrialAttempt leftTo(String holder) {
    return new TrialAttempt(Kind.LEFT_TO_OTHER, holder);
  }
}
