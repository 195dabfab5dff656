package org.deltaboost.harness.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deltaboost.harness.train.config.ScheduleSettings;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void constantIsTheConfiguredRateThroughout() {
    LearningRateSchedule schedule =
        new LearningRateSchedule(ScheduleSettings.constant(), 0.2, 10, 5);
    assertEquals(0.2, schedule.rate(0));
    assertEquals(0.2, schedule.rate(49));
    assertEquals(0.2, schedule.rate(1000));
  }

  @Test
  void stepDecayMultipliesByGammaEveryStepEpochs() {
    // 10 steps per epoch, γ 0.5 every 2 epochs: epochs 1-2 at 0.2, 3-4 at 0.1, 5 at 0.05.
    LearningRateSchedule schedule =
        new LearningRateSchedule(new ScheduleSettings("step", 2, 0.5, null, null), 0.2, 10, 5);
    assertEquals(0.2, schedule.rate(0));
    assertEquals(0.2, schedule.rate(19));
    assertEquals(0.1, schedule.rate(20));
    assertEquals(0.1, schedule.rate(39));
    assertEquals(0.05, schedule.rate(40));
  }

  @Test
  void cosineFallsFromTheRateToTheMinimumOverTheRun() {
    // 4 steps per epoch, 2 epochs: step s has progress s/8; lr 1, min 0.2.
    LearningRateSchedule schedule =
        new LearningRateSchedule(new ScheduleSettings("cosine", null, null, 0.2, null), 1.0, 4, 2);
    assertEquals(1.0, schedule.rate(0), 1e-15);
    assertEquals(0.2 + 0.8 * (1 + Math.cos(Math.PI / 4)) / 2, schedule.rate(2), 1e-15);
    assertEquals(0.6, schedule.rate(4), 1e-15); // half-way
    assertEquals(0.2 + 0.8 * (1 + Math.cos(Math.PI * 7 / 8)) / 2, schedule.rate(7), 1e-15);
    assertEquals(0.2, schedule.rate(8), 1e-15); // past the end: stays at the minimum
  }

  @Test
  void warmUpRampsLinearlyOnTopOfTheType() {
    // 0.5 epochs of 8 steps = 4 warm-up steps: 1/4, 2/4, 3/4, 4/4 of the rate, then the rate.
    LearningRateSchedule schedule =
        new LearningRateSchedule(
            new ScheduleSettings("constant", null, null, null, 0.5), 0.4, 8, 3);
    assertEquals(0.1, schedule.rate(0), 1e-15);
    assertEquals(0.2, schedule.rate(1), 1e-15);
    assertEquals(0.3, schedule.rate(2), 1e-15);
    assertEquals(0.4, schedule.rate(3), 1e-15);
    assertEquals(0.4, schedule.rate(4), 1e-15);
    LearningRateSchedule stepped =
        new LearningRateSchedule(new ScheduleSettings("step", 1, 0.5, null, 0.25), 0.4, 8, 3);
    assertEquals(0.2, stepped.rate(0), 1e-15);
    assertEquals(0.4, stepped.rate(7), 1e-15);
    assertEquals(0.2, stepped.rate(8), 1e-15);
  }

  @Test
  void invalidSettingsNameTheFieldAndValue() {
    assertEquals(
        "schedule.type must be one of constant, step, cosine, got 'linear'",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ScheduleSettings("linear", null, null, null, null))
            .getMessage());
    assertEquals(
        "schedule.stepEpochs must be >= 1, got 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ScheduleSettings("step", 0, null, null, null))
            .getMessage());
    assertEquals(
        "schedule.gamma must be in (0, 1], got 1.5",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ScheduleSettings("step", null, 1.5, null, null))
            .getMessage());
    assertEquals(
        "schedule.minLearningRate must be a finite number >= 0, got -1.0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ScheduleSettings("cosine", null, null, -1.0, null))
            .getMessage());
    assertEquals(
        "schedule.warmupEpochs must be a finite number >= 0, got NaN",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ScheduleSettings(null, null, null, null, Double.NaN))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0.1).rate(-1));
  }
}
