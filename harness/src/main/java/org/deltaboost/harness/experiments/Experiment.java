package org.deltaboost.harness.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.ConfigLayer;
import org.deltaboost.harness.train.TrainingConfig;
import org.deltaboost.harness.train.TrainingConfigReader;

/**
 * One of the paper's experiments as a strategy × seed grid: a base {@link TrainingConfig}, the
 * strategies compared (each optionally with its own fields, e.g. a learning rate or targets), the
 * number of trials and the target error for time-to-accuracy. Shipped ones are read by name from
 * {@code experiments/<name>.json}; a user's own file has the same fields.
 *
 * <p>The config of trial {@code t} (1-based) of strategy {@code s} is, later layers winning field
 * by field: the defaults, {@code config}, {@code perStrategy[s]} (whose {@code strategy.id} defaults
 * to {@code s}, so a label such as {@code softmax-ce-lr0.05} can name a variant), the user's
 * layers, the user's overrides, then {@code seed = config.seed + t − 1}.
 *
 * @param name the experiment's name (file name without {@code .json})
 * @param description what it reproduces and which values are our choices
 * @param paper the table or figure of the paper
 * @param trials seeds per strategy
 * @param targetError test error (fraction) that counts as reached for time-to-accuracy
 * @param strategies strategy ids or {@code perStrategy} labels, in order
 * @param config base TrainingConfig fields; must not name a strategy
 * @param perStrategy fields per strategy label
 */
public record Experiment(
    String name,
    String description,
    String paper,
    int trials,
    double targetError,
    List<String> strategies,
    ObjectNode config,
    Map<String, ObjectNode> perStrategy) {

  /** The experiments shipped with the harness. */
  public static final List<String> SHIPPED =
      List.of("quick", "table1-fashion-mnist", "table1-mnist", "fig1a-cifar10-cnn5", "fig1b-cifar10-allconv10",
          "table2-imagenet-alexnet-bn", "table3-voc-pixelnet");

  /** Checks the fields, naming the experiment, field and value. */
  public Experiment {
    if (trials < 1) {
      throw new IllegalArgumentException("experiment " + name + ": trials must be >= 1, got " + trials);
    }
    if (!(targetError > 0 && targetError < 1)) {
      throw new IllegalArgumentException(
          "experiment " + name + ": targetError must be in (0, 1), got " + targetError);
    }
    if (strategies == null || strategies.isEmpty()) {
      throw new IllegalArgumentException("experiment " + name + ": strategies is missing or empty");
    }
    if (config == null) {
      throw new IllegalArgumentException("experiment " + name + ": config is missing");
    }
    if (config.has("strategy")) {
      throw new IllegalArgumentException(
          "experiment " + name + ": config must not name a strategy; list it in strategies");
    }
    strategies = List.copyOf(strategies);
    perStrategy = perStrategy == null ? Map.of() : new LinkedHashMap<>(perStrategy);
  }

  /**
   * Loads a shipped experiment by name, or a user's experiment file when {@code nameOrFile} is an
   * existing {@code .json} file.
   */
  public static Experiment load(String nameOrFile) throws IOException {
    Path file = Path.of(nameOrFile);
    if (nameOrFile.endsWith(".json") && Files.isRegularFile(file)) {
      String base = file.getFileName().toString();
      return parse(base.substring(0, base.length() - ".json".length()), Files.readString(file), "experiment file " + file);
    }
    try (InputStream in = Experiment.class.getResourceAsStream(nameOrFile + ".json")) {
      if (in == null || !SHIPPED.contains(nameOrFile)) {
        throw new IllegalArgumentException(
            "unknown experiment '" + nameOrFile + "'; shipped: " + SHIPPED + ", or a path to a .json file");
      }
      return parse(nameOrFile, new String(in.readAllBytes(), StandardCharsets.UTF_8), "experiment " + nameOrFile);
    }
  }

  private static Experiment parse(String name, String text, String origin) {
    ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      ObjectNode tree = (ObjectNode) json.readTree(text);
      tree.put("name", name);
      return json.treeToValue(tree, Experiment.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String message =
          cause instanceof JsonProcessingException jp ? jp.getOriginalMessage() : cause.getMessage();
      throw new IllegalArgumentException(origin + ": " + message, e);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(origin + " must hold a JSON object", e);
    }
  }

  /** Returns this experiment with other strategies, trials or target (a {@code null} keeps it). */
  public Experiment with(List<String> strategies, Integer trials, Double targetError) {
    return new Experiment(
        name,
        description,
        paper,
        trials != null ? trials : this.trials,
        targetError != null ? targetError : this.targetError,
        strategies != null ? strategies : this.strategies,
        config,
        perStrategy);
  }

  /**
   * Resolves the config of one trial.
   *
   * @param strategy a strategy id or a {@code perStrategy} label
   * @param trial 1-based trial number
   * @param userLayers the user's partial configs (e.g. {@code --config}), applied after the arm's
   * @param overrides dotted field names to values (e.g. {@code --set}), applied last but the seed
   * @return the validated config
   */
  public TrainingConfig trialConfig(
      String strategy, int trial, List<ConfigLayer> userLayers, Map<String, ?> overrides) {
    if (trial < 1 || trial > trials) {
      throw new IllegalArgumentException("trial must be in [1, " + trials + "], got " + trial);
    }
    List<ConfigLayer> layers = new ArrayList<>();
    layers.add(new ConfigLayer("experiment " + name, config.deepCopy()));
    ObjectNode arm = perStrategy.containsKey(strategy)
        ? perStrategy.get(strategy).deepCopy()
        : new ObjectMapper().createObjectNode();
    ObjectNode strategyNode = arm.withObjectProperty("strategy");
    if (!strategyNode.has("id")) {
      strategyNode.put("id", strategy);
    }
    layers.add(new ConfigLayer("experiment " + name + ", strategy " + strategy, arm));
    layers.addAll(userLayers);
    TrainingConfigReader reader = new TrainingConfigReader();
    TrainingConfig base = reader.readLayers(layers, overrides);
    Map<String, Object> withSeed = new LinkedHashMap<>(overrides);
    withSeed.put("seed", base.seed() + trial - 1);
    TrainingConfig resolved = reader.readLayers(layers, withSeed);
    resolved.strategy().toStrategyConfig();
    resolved.resolvedLearningRate();
    return resolved;
  }
}
