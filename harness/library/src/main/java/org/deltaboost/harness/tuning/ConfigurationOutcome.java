package org.deltaboost.harness.tuning;

import java.util.Arrays;
import java.util.List;

/**
 * One configuration of a tuning and how its seeds did. Its {@code score}, which the search
 * minimizes, is the median over seeds of {@link SeedOutcome#objective()}: the minimum validation
 * error, with a diverged seed counting as error 1.
 *
 * @param index 1-based position in the search (1 is the baseline)
 * @param baseline whether this is the base config's own parameters
 * @param parameters the tuned fields
 * @param runs one outcome per seed, in seed order
 * @param score median over seeds of the objective
 * @param diverged how many seeds diverged
 */
public record ConfigurationOutcome(
    int index,
    boolean baseline,
    TunedParameters parameters,
    List<SeedOutcome> runs,
    double score,
    int diverged) {

  /** Copies the list. */
  public ConfigurationOutcome {
    runs = List.copyOf(runs);
  }

  /** Scores a configuration from its seeds' outcomes. */
  public static ConfigurationOutcome of(
      int index, boolean baseline, TunedParameters parameters, List<SeedOutcome> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("configuration " + index + " has no runs");
    }
    double[] objectives = runs.stream().mapToDouble(SeedOutcome::objective).sorted().toArray();
    int n = objectives.length;
    double median =
        n % 2 == 1 ? objectives[n / 2] : (objectives[n / 2 - 1] + objectives[n / 2]) / 2;
    int diverged = (int) runs.stream().filter(SeedOutcome::diverged).count();
    return new ConfigurationOutcome(index, baseline, parameters, runs, median, diverged);
  }

  /** Mean over seeds of the objective; breaks ties between equal scores. */
  double meanObjective() {
    return Arrays.stream(runs.stream().mapToDouble(SeedOutcome::objective).toArray())
        .average()
        .orElse(1);
  }

  /** Orders by score, then mean objective, then index: the first of a sorted list is the winner. */
  static int compare(ConfigurationOutcome a, ConfigurationOutcome b) {
    int byScore = Double.compare(a.score, b.score);
    if (byScore != 0) {
      return byScore;
    }
    int byMean = Double.compare(a.meanObjective(), b.meanObjective());
    return byMean != 0 ? byMean : Integer.compare(a.index, b.index);
  }
}
