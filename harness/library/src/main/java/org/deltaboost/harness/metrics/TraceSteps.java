package org.deltaboost.harness.metrics;

/**
 * Which training steps an engine trace covers ({@link EngineTrace}): steps {@code from..to}
 * (1-based, inclusive) of epoch {@code epoch}, written {@code EPOCH:FROM-TO}, or {@code EPOCH:STEP}
 * for one step.
 *
 * @param epoch the epoch, {@code >= 1}
 * @param from the first traced step of the epoch, {@code >= 1}
 * @param to the last traced step, {@code from <= to < from + MAX_STEPS}
 */
public record TraceSteps(int epoch, int from, int to) {

  /** The most steps one trace covers: the profiler keeps every event of the window in memory. */
  public static final int MAX_STEPS = 100;

  private static final String FORM = "EPOCH:STEP or EPOCH:FROM-TO, 1-based (e.g. 2:100-102)";

  /** Checks the numbers, naming the one that is wrong. */
  public TraceSteps {
    if (epoch < 1) {
      throw new IllegalArgumentException("trace steps: the epoch must be >= 1, got " + epoch);
    }
    if (from < 1) {
      throw new IllegalArgumentException("trace steps: the first step must be >= 1, got " + from);
    }
    if (to < from) {
      throw new IllegalArgumentException(
          "trace steps: the last step " + to + " comes before the first, " + from);
    }
    if ((long) to - from + 1 > MAX_STEPS) {
      throw new IllegalArgumentException(
          "trace steps: at most "
              + MAX_STEPS
              + " steps per trace, "
              + from
              + "-"
              + to
              + " has "
              + ((long) to - from + 1));
    }
  }

  /**
   * Reads {@code EPOCH:STEP} or {@code EPOCH:FROM-TO}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static TraceSteps parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("trace steps: expected " + FORM + ", got nothing");
    }
    String trimmed = text.strip();
    int colon = trimmed.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("trace steps: expected " + FORM + ", got '" + text + "'");
    }
    String steps = trimmed.substring(colon + 1);
    int dash = steps.indexOf('-');
    try {
      int epoch = Integer.parseInt(trimmed.substring(0, colon).strip());
      int from = Integer.parseInt((dash < 0 ? steps : steps.substring(0, dash)).strip());
      int to = dash < 0 ? from : Integer.parseInt(steps.substring(dash + 1).strip());
      return new TraceSteps(epoch, from, to);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "trace steps: expected " + FORM + ", got '" + text + "'", e);
    }
  }

  /** Returns the number of traced steps. */
  public int count() {
    return to - from + 1;
  }

  /** Returns the steps as {@link #parse} reads them: {@code EPOCH:FROM-TO}. */
  @Override
  public String toString() {
    return epoch + ":" + from + "-" + to;
  }
}
