package org.deltaboost.harness.train.optim;

import org.deltaboost.harness.train.config.ScheduleSettings;

/**
 * The learning rate of every optimizer step, from {@link ScheduleSettings}, the configured rate
 * {@code lr}, the steps per epoch {@code S} and the run's epochs {@code E}. Step {@code s}
 * (0-based, counted over the whole run) lies in epoch {@code e = ⌊s / S⌋} (0-based):
 *
 * <pre>
 *   constant   rate(s) = lr
 *   step       rate(s) = lr · gamma^⌊e / stepEpochs⌋                       (PyTorch StepLR per epoch)
 *   cosine     rate(s) = min + (lr − min) · (1 + cos(π · s / (S·E))) / 2   (per step, over the run)
 *   warm-up    rate(s) · (s + 1) / W  for s &lt; W = ⌈warmupEpochs · S⌉       (on top of any type)
 * </pre>
 *
 * <p>The rate depends on the step index alone, so a run resumed from a checkpoint (which stores the
 * step count) continues on the same curve. The cosine's length is the config's {@code epochs}:
 * resuming with more epochs continues along the longer curve from where the run stands.
 */
public final class LearningRateSchedule {

  private final ScheduleSettings settings;
  private final double learningRate;
  private final long stepsPerEpoch;
  private final long totalSteps;
  private final long warmupSteps;

  /**
   * Creates the schedule.
   *
   * @param settings type and parameters
   * @param learningRate the configured rate, finite and {@code > 0}
   * @param stepsPerEpoch optimizer steps per epoch, {@code >= 1}
   * @param epochs the run's epochs, {@code >= 1}
   */
  public LearningRateSchedule(
      ScheduleSettings settings, double learningRate, long stepsPerEpoch, int epochs) {
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException(
          "learning rate must be a finite number > 0, got " + learningRate);
    }
    if (stepsPerEpoch < 1 || epochs < 1) {
      throw new IllegalArgumentException(
          "steps per epoch and epochs must be >= 1, got " + stepsPerEpoch + " and " + epochs);
    }
    this.settings = settings;
    this.learningRate = learningRate;
    this.stepsPerEpoch = stepsPerEpoch;
    this.totalSteps = stepsPerEpoch * epochs;
    this.warmupSteps = (long) Math.ceil(settings.warmupEpochs() * stepsPerEpoch);
  }

  /** A constant rate {@code learningRate} for every step. */
  public static LearningRateSchedule constant(double learningRate) {
    return new LearningRateSchedule(ScheduleSettings.constant(), learningRate, 1, 1);
  }

  /** Returns the configured (base) rate. */
  public double baseRate() {
    return learningRate;
  }

  /**
   * Returns the rate of step {@code step}.
   *
   * @param step 0-based index of the step over the whole run
   */
  public double rate(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    double rate =
        switch (settings.type()) {
          case "constant" -> learningRate;
          case "step" ->
              learningRate
                  * Math.pow(
                      settings.gamma(), (double) (step / stepsPerEpoch / settings.stepEpochs()));
          case "cosine" -> {
            double progress = Math.min(1.0, (double) step / totalSteps);
            double min = settings.minLearningRate();
            yield min + (learningRate - min) * (1 + Math.cos(Math.PI * progress)) / 2;
          }
          default -> throw new IllegalStateException("unknown schedule " + settings.type());
        };
    if (step < warmupSteps) {
      rate *= (double) (step + 1) / warmupSteps;
    }
    return rate;
  }
}
