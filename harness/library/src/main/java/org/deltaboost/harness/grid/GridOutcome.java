package org.deltaboost.harness.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.experiments.StrategySummaries;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.records.StrategySummary;

/**
 * A grid after it ran: every trial's outcome in plan order, and the summaries over each group's
 * finished trials.
 *
 * @param plan the plan that ran
 * @param trials each trial's outcome, in plan order
 */
public record GridOutcome(GridPlan plan, List<TrialOutcome> trials) {

  /** Copies the list. */
  public GridOutcome {
    trials = List.copyOf(trials);
  }

  /** Returns whether every trial has finished. */
  public boolean complete() {
    return trials.stream().allMatch(TrialOutcome::finished);
  }

  /** The trials not finished yet, in plan order. */
  public List<TrialOutcome> unfinished() {
    return trials.stream().filter(t -> !t.finished()).toList();
  }

  /** The trials whose process ended without finishing them ({@link TrialOutcome#failure}). */
  public List<TrialOutcome> failed() {
    return trials.stream().filter(t -> !t.finished() && t.failure() != null).toList();
  }

  /** The finished trials' records by group, groups in plan order. */
  public Map<String, List<RunRecord>> finishedByGroup() {
    Map<String, List<RunRecord>> records = new LinkedHashMap<>();
    plan.groups().forEach(g -> records.put(g, new ArrayList<>()));
    for (TrialOutcome t : trials) {
      if (t.finished()) {
        records.get(t.trial().group()).add(t.record());
      }
    }
    return records;
  }

  /**
   * One {@link StrategySummary} per group over its finished trials, groups in plan order.
   *
   * @param targetError the target error for time-to-accuracy
   * @param bootstrapSeed seed of the bootstrap resampling
   */
  public List<StrategySummary> summaries(double targetError, long bootstrapSeed) {
    List<StrategySummary> summaries = new ArrayList<>();
    finishedByGroup()
        .forEach(
            (group, records) ->
                summaries.add(StrategySummaries.of(group, records, targetError, bootstrapSeed)));
    return summaries;
  }
}
