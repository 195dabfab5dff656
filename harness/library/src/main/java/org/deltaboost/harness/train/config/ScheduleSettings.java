package org.deltaboost.harness.train.config;

import java.util.List;

/**
 * The learning-rate schedule as a config file names it (field {@code schedule}); see {@link
 * LearningRateSchedule} for the formulas. Left-out fields take the defaults below; a field that its
 * type does not use is ignored.
 *
 * @param type {@code constant} (default: the configured learning rate throughout), {@code step} or
 *     {@code cosine}
 * @param stepEpochs {@code step}: the rate is multiplied by {@code gamma} every this many epochs;
 *     default 10
 * @param gamma {@code step}: the factor, in {@code (0, 1]}; default 0.1
 * @param minLearningRate {@code cosine}: the rate reached at the end of the last epoch, {@code >=
 *     0}; default 0
 * @param warmupEpochs any type: the rate ramps up linearly over the first this many epochs
 *     (fractions allowed), {@code >= 0}; default 0 (no warm-up)
 */
public record ScheduleSettings(
    String type, Integer stepEpochs, Double gamma, Double minLearningRate, Double warmupEpochs) {

  /** The schedule types this build knows. */
  public static final List<String> TYPES = List.of("constant", "step", "cosine");

  /** The constant schedule: every step uses the configured learning rate. */
  public static ScheduleSettings constant() {
    return new ScheduleSettings("constant", null, null, null, null);
  }

  /** Fills defaults and checks every field, naming it. */
  public ScheduleSettings {
    type = type == null ? "constant" : type;
    stepEpochs = stepEpochs == null ? 10 : stepEpochs;
    gamma = gamma == null ? 0.1 : gamma;
    minLearningRate = minLearningRate == null ? 0.0 : minLearningRate;
    warmupEpochs = warmupEpochs == null ? 0.0 : warmupEpochs;
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "schedule.type must be one of " + String.join(", ", TYPES) + ", got '" + type + "'");
    }
    if (stepEpochs < 1) {
      throw new IllegalArgumentException("schedule.stepEpochs must be >= 1, got " + stepEpochs);
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("schedule.gamma must be in (0, 1], got " + gamma);
    }
    if (!(minLearningRate >= 0 && Double.isFinite(minLearningRate))) {
      throw new IllegalArgumentException(
          "schedule.minLearningRate must be a finite number >= 0, got " + minLearningRate);
    }
    if (!(warmupEpochs >= 0 && Double.isFinite(warmupEpochs))) {
      throw new IllegalArgumentException(
          "schedule.warmupEpochs must be a finite number >= 0, got " + warmupEpochs);
    }
  }
}
