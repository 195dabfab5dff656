package org.deltaboost.harness.tuning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deltaboost.harness.experiments.Experiment;

/**
 * The winners of finished tunings by strategy id, for {@code compare --tuned}: each experiment arm
 * whose strategy was tuned gets the winner's learning rate and strategy parameters as its {@code
 * perStrategy} fields (so {@code --config} and {@code --set} still win over them). An arm whose
 * strategy has no finished tuning is an error naming it: a comparison with some strategies tuned
 * and others not would not be fair.
 *
 * <p>Where tunings are found: without a folder, {@code <runs>/tune-<experiment>-<strategy>/} (the
 * default folder of {@code deltaboost tune}); with a folder, its own {@code tuning.json} and those
 * of its direct subfolders, where two tunings of the same strategy are an error naming both.
 *
 * @param winners per strategy id, the winning parameters
 * @param sources per strategy id, the tuning folder the winner came from
 * @param baseConfigs per strategy id, the config its tuning started from
 * @param budgets per strategy id, its tuning's budget in words, e.g. {@code 8 configurations × 2
 *     seeds}
 */
public record TunedStrategies(
    Map<String, TunedParameters> winners,
    Map<String, Path> sources,
    Map<String, ObjectNode> baseConfigs,
    Map<String, String> budgets) {

  /**
   * The config fields a tuning's winner depends on besides the tuned ones: a compare trial must
   * have the tuning's values of these.
   */
  public static final List<String> MATCHING_FIELDS =
      List.of("dataset", "model", "batchSize", "momentum");

  /** Copies the maps. */
  public TunedStrategies {
    winners = new LinkedHashMap<>(winners);
    sources = new LinkedHashMap<>(sources);
    baseConfigs = new LinkedHashMap<>(baseConfigs);
    budgets = new LinkedHashMap<>(budgets);
  }

  /**
   * How two strategies (ids) had their settings chosen, for a verdict comparing them: both tuned
   * with an equal budget, or with unequal ones (named).
   */
  public String fairness(String strategyId, String referenceId) {
    String a = budgets.get(strategyId);
    String b = budgets.get(referenceId);
    if (a != null && a.equals(b)) {
      return "both tuned, equal budgets (" + a + " each)";
    }
    return "tuned, unequal budgets (" + strategyId + ": " + a + "; " + referenceId + ": " + b + ")";
  }

  /**
   * Checks that a compare trial trains what its strategy's tuning tuned for: the same {@link
   * #MATCHING_FIELDS}. A winning rate does not carry over to another dataset, network, batch size
   * or momentum.
   *
   * @param strategyId the trial's strategy id
   * @param trial the trial's config as a JSON tree
   * @throws IllegalArgumentException naming the tuning, the fields and both values
   */
  public void requireMatching(String strategyId, ObjectNode trial) {
    ObjectNode tuned = baseConfigs.get(strategyId);
    if (tuned == null) {
      return;
    }
    List<String> differing = new ArrayList<>();
    for (String field : MATCHING_FIELDS) {
      if (!java.util.Objects.equals(tuned.get(field), trial.get(field))) {
        differing.add(
            field + " (tuned: " + tuned.get(field) + ", trial: " + trial.get(field) + ")");
      }
    }
    if (!differing.isEmpty()) {
      throw new IllegalArgumentException(
          "the tuning of "
              + strategyId
              + " in "
              + sources.get(strategyId)
              + " was done with other "
              + String.join(", ", differing)
              + "; tune for this config first");
    }
  }

  /** The default tuning folder name of a strategy tuned on an experiment. */
  public static String defaultFolder(String experiment, String strategy) {
    return "tune-" + experiment + "-" + strategy;
  }

  /**
   * Finds the tunings for every strategy of an experiment.
   *
   * @param experiment the experiment compared
   * @param runsDir the runs folder (for the default locations)
   * @param folder a folder holding tunings, or {@code null} for the default locations
   * @throws IllegalArgumentException naming a strategy without a finished tuning, or a strategy
   *     tuned twice in {@code folder}
   */
  public static TunedStrategies find(Experiment experiment, Path runsDir, Path folder)
      throws IOException {
    Map<String, Path> found = new TreeMap<>();
    if (folder != null) {
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException("--tuned " + folder + " is not a folder");
      }
      List<Path> candidates = new ArrayList<>();
      candidates.add(folder);
      try (Stream<Path> children = Files.list(folder)) {
        children.filter(Files::isDirectory).sorted().forEach(candidates::add);
      }
      for (Path candidate : candidates) {
        if (TuningRecord.exists(candidate)) {
          String strategy = TuningRecord.read(candidate).strategy();
          Path earlier = found.putIfAbsent(strategy, candidate);
          if (earlier != null) {
            throw new IllegalArgumentException(
                "--tuned "
                    + folder
                    + " holds two tunings of "
                    + strategy
                    + ": "
                    + earlier
                    + " and "
                    + candidate
                    + "; name the one to use with --tuned DIR");
          }
        }
      }
    }
    Map<String, TunedParameters> winners = new LinkedHashMap<>();
    Map<String, Path> sources = new LinkedHashMap<>();
    Map<String, ObjectNode> baseConfigs = new LinkedHashMap<>();
    Map<String, String> budgets = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String label : experiment.strategies()) {
      String id = strategyId(experiment, label);
      if (winners.containsKey(id)) {
        continue;
      }
      Path source =
          folder != null ? found.get(id) : runsDir.resolve(defaultFolder(experiment.name(), id));
      if (source == null || !TuningRecord.exists(source)) {
        missing.add(id + " (looked in " + (source != null ? source : folder) + ")");
        continue;
      }
      TuningRecord record = TuningRecord.read(source);
      if (!record.complete() || record.winner() == null) {
        throw new IllegalArgumentException(
            "the tuning of "
                + id
                + " in "
                + source
                + " is unfinished ("
                + record.configurations().size()
                + " of "
                + record.budget()
                + " configurations); run its tune command again to finish it");
      }
      winners.put(id, record.winner().parameters());
      sources.put(id, source);
      baseConfigs.put(id, record.baseConfig());
      budgets.put(id, record.budget() + " configurations × " + record.seeds().size() + " seed(s)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "--tuned: no finished tuning for "
              + String.join(", ", missing)
              + "; run ./deltaboost tune --experiment "
              + experiment.name()
              + " --strategy STRATEGY --budget N"
              + " for each, or leave these strategies out with --strategies");
    }
    return new TunedStrategies(winners, sources, baseConfigs, budgets);
  }

  /**
   * The strategy id of an experiment arm: its {@code perStrategy} {@code strategy.id}, or the
   * label.
   */
  public static String strategyId(Experiment experiment, String label) {
    ObjectNode arm = experiment.perStrategy().get(label);
    if (arm != null && arm.path("strategy").path("id").isTextual()) {
      return arm.path("strategy").path("id").asText();
    }
    return label;
  }

  /** The experiment with each arm's perStrategy fields overlaid by its strategy's winner. */
  public Experiment applyTo(Experiment experiment) {
    Map<String, ObjectNode> perStrategy = new LinkedHashMap<>();
    experiment.perStrategy().forEach((label, fields) -> perStrategy.put(label, fields.deepCopy()));
    for (String label : experiment.strategies()) {
      TunedParameters winner = winners.get(strategyId(experiment, label));
      if (winner == null) {
        continue;
      }
      ObjectNode arm =
          perStrategy.computeIfAbsent(label, l -> new ObjectMapper().createObjectNode());
      ObjectNode fields = winner.toConfigFields();
      arm.set("learningRate", fields.get("learningRate"));
      if (fields.has("strategy")) {
        arm.withObjectProperty("strategy").setAll((ObjectNode) fields.get("strategy"));
      }
    }
    return new Experiment(
        experiment.name(),
        experiment.description(),
        experiment.paper(),
        experiment.trials(),
        experiment.targetError(),
        experiment.strategies(),
        experiment.config(),
        perStrategy,
        experiment.claims());
  }
}
