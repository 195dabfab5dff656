package org.deltaboost.harness.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.deltaboost.harness.experiments.Claim;
import org.deltaboost.harness.experiments.PairedDifferences;
import org.deltaboost.harness.experiments.StrategySummaries;
import org.deltaboost.harness.experiments.TrialMetrics;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.records.ClaimVerdict;
import org.deltaboost.records.PairedDifference;
import org.deltaboost.records.StrategySummary;

/**
 * A grid after it ran: every trial's outcome in plan order, the summaries over each group's
 * finished trials, the paired differences of groups by seed, and the verdicts on claims.
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

  /**
   * Each group other than {@code reference} against it, seed by seed ({@link PairedDifferences}),
   * groups in plan order; none when the grid has no group {@code reference}.
   *
   * @param reference the reference group
   * @param targetError the target error for time-to-accuracy
   * @param bootstrapSeed seed of the bootstrap resampling
   */
  public List<PairedDifference> pairedDifferences(
      String reference, double targetError, long bootstrapSeed) {
    List<PairedDifference> differences = new ArrayList<>();
    if (plan.groups().contains(reference)) {
      for (String group : plan.groups()) {
        if (!group.equals(reference)) {
          differences.add(pairedDifference(group, reference, targetError, bootstrapSeed));
        }
      }
    }
    return differences;
  }

  /** One group against another, seed by seed. */
  public PairedDifference pairedDifference(
      String group, String reference, double targetError, long bootstrapSeed) {
    return PairedDifferences.of(
        group,
        completedBySeed(group, targetError),
        reference,
        completedBySeed(reference, targetError),
        bootstrapSeed);
  }

  /**
   * The verdict on each claim whose strategy and reference are both groups of this grid, in the
   * claims' order.
   *
   * @param claims the claims
   * @param reference the reference of claims that name none
   * @param targetError the target error for time-to-accuracy
   * @param bootstrapSeed seed of the bootstrap resampling
   * @param tuning how a strategy and its reference (labels) had their settings chosen, in words
   */
  public List<ClaimVerdict> verdicts(
      List<Claim> claims,
      String reference,
      double targetError,
      long bootstrapSeed,
      BinaryOperator<String> tuning) {
    List<ClaimVerdict> verdicts = new ArrayList<>();
    for (Claim claim : claims) {
      String against = claim.referenceOr(reference);
      if (plan.groups().contains(claim.strategy()) && plan.groups().contains(against)) {
        verdicts.add(
            claim.judge(
                pairedDifference(claim.strategy(), against, targetError, bootstrapSeed),
                tuning.apply(claim.strategy(), against)));
      }
    }
    return verdicts;
  }

  private Map<Long, TrialMetrics> completedBySeed(String group, double targetError) {
    Map<Long, TrialMetrics> bySeed = new LinkedHashMap<>();
    for (TrialOutcome t : trials) {
      if (t.finished() && t.trial().group().equals(group)) {
        TrialMetrics m = TrialMetrics.of(t.record(), targetError);
        if (m != null) {
          bySeed.put(t.trial().config().seed(), m);
        }
      }
    }
    return bySeed;
  }
}
