package org.deltaboost.harness.tuning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deltaboost.harness.experiments.Experiment;
import org.deltaboost.harness.grid.GridPlan;
import org.deltaboost.harness.grid.GridTrial;
import org.deltaboost.harness.grid.TrialOutcome;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;

/**
 * A tuning as a grid: configuration {@code c} (1-based, the first the baseline) with seed {@code s}
 * is trial {@code c<NNN>-s<seed>} in group {@code c<NNN>}; a group's outcomes read back are its
 * {@link ConfigurationOutcome}.
 */
public final class TuningGrid {

  private TuningGrid() {}

  /**
   * Plans every configuration with every seed.
   *
   * @param experiment the experiment whose config is the base, with {@code seeds} trials
   * @param strategy the strategy id or label tuned
   * @param strategyId its strategy id (names the trials in progress lines)
   * @param userLayers the user's partial configs
   * @param overrides the user's overrides; each configuration's parameters are applied on top
   * @param configurations the configurations, the baseline first ({@link SearchPlan})
   * @param folder the tuning folder
   * @throws IllegalArgumentException when a configuration makes an invalid config
   */
  public static GridPlan plan(
      Experiment experiment,
      String strategy,
      String strategyId,
      List<ConfigLayer> userLayers,
      Map<String, Object> overrides,
      List<TunedParameters> configurations,
      Path folder) {
    List<GridTrial> trials = new ArrayList<>();
    for (int c = 1; c <= configurations.size(); c++) {
      Map<String, Object> withParameters = new LinkedHashMap<>(overrides);
      withParameters.putAll(configurations.get(c - 1).overrides());
      String group = group(c);
      for (int t = 1; t <= experiment.trials(); t++) {
        TrainingConfig run = experiment.trialConfig(strategy, t, userLayers, withParameters);
        String id = group + "-s" + run.seed();
        trials.add(new GridTrial(id, group, strategyId + " " + id, run));
      }
    }
    return new GridPlan(folder, trials);
  }

  /** The group of configuration {@code index} (1-based): {@code c<NNN>}. */
  public static String group(int index) {
    return String.format(Locale.ROOT, "c%03d", index);
  }

  /** The configuration index (1-based) of a group named by {@link #group}. */
  public static int index(String group) {
    return Integer.parseInt(group.substring(1));
  }

  /**
   * A configuration's outcome from its trials read back.
   *
   * @param index the configuration's index (1 is the baseline)
   * @param parameters its parameters
   * @param trials its trials, every one finished
   * @throws IOException when a trial has not finished, naming its folder
   */
  public static ConfigurationOutcome outcome(
      int index, TunedParameters parameters, List<TrialOutcome> trials) throws IOException {
    List<SeedOutcome> seeds = new ArrayList<>();
    for (TrialOutcome t : trials) {
      if (!t.finished()) {
        throw new IOException(
            "tuning run " + t.trial().id() + " has not finished; run the same command again");
      }
      seeds.add(SeedOutcome.of(t.trial().config().seed(), t.trial().id(), t.record()));
    }
    return ConfigurationOutcome.of(index, index == 1, parameters, seeds);
  }
}
