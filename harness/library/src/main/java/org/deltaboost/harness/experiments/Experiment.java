package org.deltaboost.harness.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.StrictJson;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;

/**
 * One of the paper's experiments as a strategy × seed grid: a base {@link TrainingConfig}, the
 * strategies compared (each optionally with its own fields, e.g. a learning rate or targets), the
 * number of trials and the target error for time-to-accuracy. Shipped ones are read by name from
 * {@code experiments/<name>.json}; a user's own file has the same fields.
 *
 * <p>The config of trial {@code t} (1-based) of strategy {@code s} is, later layers winning field
 * by field: the defaults, {@code config}, {@code perStrategy[s]} (whose {@code strategy.id}
 * defaults to {@code s}, so a label such as {@code softmax-ce-lr0.05} can name a variant), the
 * user's layers, the user's overrides, then {@code seed = config.seed + t − 1}.
 *
 * @param name the experiment's name (file name without {@code .json})
 * @param description what it reproduces and which values are our choices
 * @param paper the table or figure of the paper
 * @param trials seeds per strategy
 * @param targetError test error (fraction) that counts as reached for time-to-accuracy
 * @param strategies strategy ids or {@code perStrategy} labels, in order
 * @param config base TrainingConfig fields; must not name a strategy
 * @param perStrategy fields per strategy label
 * @param claims the paper's claims this experiment can judge ({@link Claim}); none when absent
 */
public record Experiment(
    String name,
    String description,
    String paper,
    int trials,
    double targetError,
    List<String> strategies,
    ObjectNode config,
    Map<String, ObjectNode> perStrategy,
    List<Claim> claims) {

  private static final ObjectMapper JSON = StrictJson.mapper();

  /** The experiments shipped with the harness. */
  public static final List<String> SHIPPED =
      List.of(
          "quick",
          "table1-fashion-mnist",
          "table1-mnist",
          "fig1a-cifar10-cnn5",
          "fig1b-cifar10-allconv10",
          "table2-imagenet-alexnet-bn",
          "table3-voc-pixelnet");

  /** Checks the fields, naming the experiment, field and value. */
  public Experiment {
    if (trials < 1) {
      throw new IllegalArgumentException(
          "experiment " + name + ": trials must be >= 1, got " + trials);
    }
    if (!(targetError > 0 && targetError < 1)) {
      throw new IllegalArgumentException(
          "experiment " + name + ": targetError must be in (0, 1), got " + targetError);
    }
    if (strategies == null || strategies.isEmpty()) {
      throw new IllegalArgumentException("experiment " + name + ": strategies is missing or empty");
    }
    for (String strategy : strategies) {
      if (strategy == null || strategy.isBlank()) {
        throw new IllegalArgumentException(
            "experiment "
                + name
                + ": strategies must be strategy ids or perStrategy labels, got "
                + strategies);
      }
    }
    if (config == null) {
      throw new IllegalArgumentException("experiment " + name + ": config is missing");
    }
    if (config.has("strategy")) {
      throw new IllegalArgumentException(
          "experiment " + name + ": config must not name a strategy; list it in strategies");
    }
    strategies = List.copyOf(strategies);
    claims = claims == null ? List.of() : claims;
    java.util.Set<String> claimIds = new java.util.HashSet<>();
    for (Claim claim : claims) {
      if (claim == null) {
        throw new IllegalArgumentException("experiment " + name + ": claims holds a null");
      }
      if (!claimIds.add(claim.id())) {
        throw new IllegalArgumentException(
            "experiment " + name + ": claim id " + claim.id() + " is used twice");
      }
    }
    claims = List.copyOf(claims);
    perStrategy = perStrategy == null ? Map.of() : new LinkedHashMap<>(perStrategy);
    perStrategy.forEach(
        (label, fields) -> {
          if (fields == null) {
            throw new IllegalArgumentException(
                "experiment "
                    + name
                    + ": perStrategy."
                    + label
                    + " must be an object of config fields, got null");
          }
        });
  }

  /**
   * Loads a shipped experiment by name, or a user's experiment file when {@code nameOrFile} ends in
   * {@code .json}; files are read as {@link StrictJson}.
   *
   * @throws IOException when the file cannot be read (missing, a directory, not permitted), naming
   *     it
   * @throws IllegalArgumentException when the name is unknown or the content is not a valid
   *     experiment, naming the file, the field and (for JSON errors) the line
   */
  public static Experiment load(String nameOrFile) throws IOException {
    if (nameOrFile.endsWith(".json")) {
      Path file = Path.of(nameOrFile);
      String origin = "experiment file " + file;
      String base = file.getFileName().toString();
      return parse(
          base.substring(0, base.length() - ".json".length()),
          StrictJson.readFile(file, origin),
          origin);
    }
    try (InputStream in = Experiment.class.getResourceAsStream(nameOrFile + ".json")) {
      if (in == null || !SHIPPED.contains(nameOrFile)) {
        throw new IllegalArgumentException(
            "unknown experiment '"
                + nameOrFile
                + "'; shipped: "
                + SHIPPED
                + ", or a path to a .json file");
      }
      String origin = "experiment " + nameOrFile;
      return parse(nameOrFile, StrictJson.read(in.readAllBytes(), origin), origin);
    }
  }

  /**
   * Parses an experiment file's bytes.
   *
   * @param name the experiment's name
   * @param bytes the file's content
   * @param origin how errors name the file
   * @throws IllegalArgumentException when they are not a valid experiment, naming {@code origin}
   */
  public static Experiment parse(String name, byte[] bytes, String origin) {
    return parse(name, StrictJson.read(bytes, origin), origin);
  }

  private static Experiment parse(String name, JsonNode node, String origin) {
    if (!(node instanceof ObjectNode tree)) {
      throw new IllegalArgumentException(origin + " must hold a JSON object");
    }
    tree.put("name", name);
    try {
      return JSON.treeToValue(tree, Experiment.class);
    } catch (JsonProcessingException e) {
      String message =
          e.getCause() instanceof IllegalArgumentException refused
              ? refused.getMessage()
              : StrictJson.describe(e);
      throw new IllegalArgumentException(origin + ": " + message, e);
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
        perStrategy,
        claims);
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
    ObjectNode arm =
        perStrategy.containsKey(strategy)
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
    return reader.readLayers(layers, withSeed).validate();
  }
}
