package org.deltaboost.reports;

/** One strategy (label) of {@code summary.json}: trial counts and median intervals over seeds. */
public record StrategySummary(
    String label,
    int trials,
    int completed,
    int diverged,
    int reachedTarget,
    Interval finalTestError,
    Interval minTestError,
    Interval convergenceEpoch,
    Interval epochsToTarget,
    Interval secondsToTarget) {}
