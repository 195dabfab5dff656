package org.deltaboost.harness.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deltaboost.harness.experiments.Experiment;
import org.deltaboost.harness.runs.RunName;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.records.AtomicFileWrite;

/**
 * Every trial of a grid with its full config, in the order they run, and the grid folder their run
 * folders go in. {@link #write} puts it in {@value #FILE} in that folder before anything runs, so
 * that trial {@code i} can be run from the folder and its index alone ({@link #read}).
 *
 * @param folder the grid folder
 * @param trials the trials, in the order they run (a group's trials need not be adjacent)
 */
public record GridPlan(Path folder, List<GridTrial> trials) {

  /** The plan's file inside the grid folder. */
  public static final String FILE = "grid.json";

  /** Copies the list; checks that trial folders are distinct names. */
  public GridPlan {
    trials = List.copyOf(trials);
    if (trials.isEmpty()) {
      throw new IllegalArgumentException("grid " + folder + " has no trials");
    }
    Set<String> ids = new HashSet<>();
    for (GridTrial trial : trials) {
      RunName.resolve("trial folder '" + trial.id() + "'", folder, trial.id());
      if (!ids.add(trial.id())) {
        throw new IllegalArgumentException(
            "grid " + folder + " names trial " + trial.id() + " twice");
      }
    }
  }

  /**
   * The strategy × seed grid of an experiment: trial {@code t} of strategy label {@code s} is
   * {@link Experiment#trialConfig} (resuming), in folder {@code <s>-s<seed>}, in group {@code s}.
   * Trials run seed-major: every strategy's first seed, in the experiment's order, then every
   * strategy's second seed, and so on, so that drifts over a grid's wall time (a machine warming
   * up, other load) fall on every strategy alike rather than on whichever runs first.
   *
   * @param experiment the experiment
   * @param userLayers the user's partial configs, applied after the experiment's
   * @param overrides dotted field names to values, applied last but the seed
   * @param folder the grid folder
   * @throws IllegalArgumentException when a config is invalid or a label makes no folder name
   */
  public static GridPlan of(
      Experiment experiment, List<ConfigLayer> userLayers, Map<String, ?> overrides, Path folder) {
    List<GridTrial> trials = new ArrayList<>();
    for (int t = 1; t <= experiment.trials(); t++) {
      for (String strategy : experiment.strategies()) {
        TrainingConfig config = experiment.trialConfig(strategy, t, userLayers, overrides);
        trials.add(
            new GridTrial(
                strategy + "-s" + config.seed(),
                strategy,
                strategy + " s" + config.seed(),
                config));
      }
    }
    // Resolve every config before naming folders, so a bad value is reported first.
    for (GridTrial trial : trials) {
      RunName.resolve("trial folder of strategy label '" + trial.group() + "'", folder, trial.id());
    }
    return new GridPlan(folder, trials);
  }

  /** The groups in the order their first trials run. */
  public List<String> groups() {
    Set<String> groups = new LinkedHashSet<>();
    trials.forEach(t -> groups.add(t.group()));
    return List.copyOf(groups);
  }

  /** The run folder of trial {@code index}. */
  public Path trialFolder(int index) {
    return folder.resolve(trials.get(index).id());
  }

  /** Writes the plan to {@value #FILE} in the grid folder (atomically), creating the folder. */
  public void write() throws IOException {
    TrainingConfigReader reader = new TrainingConfigReader();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    ArrayNode list = root.putArray("trials");
    for (GridTrial trial : trials) {
      ObjectNode node = list.addObject();
      node.put("id", trial.id());
      node.put("group", trial.group());
      node.put("name", trial.name());
      node.set("config", reader.toTree(trial.config()));
    }
    Files.createDirectories(folder);
    AtomicFileWrite.write(
        folder.resolve(FILE),
        (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads the plan a grid folder's {@value #FILE} holds.
   *
   * @throws IOException when the file is missing or unreadable, naming it
   * @throws IllegalArgumentException when a trial's config is invalid, naming the file and trial
   */
  public static GridPlan read(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("cannot read grid plan " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.path("trials").isArray()) {
      throw new IOException("grid plan " + file + " has no 'trials' array");
    }
    TrainingConfigReader reader = new TrainingConfigReader();
    List<GridTrial> trials = new ArrayList<>();
    for (JsonNode node : root.get("trials")) {
      String id = text(node, "id", file);
      String origin = "grid plan " + file + ", trial " + id;
      if (!(node.get("config") instanceof ObjectNode config)) {
        throw new IOException(origin + " has no 'config' object");
      }
      trials.add(
          new GridTrial(
              id,
              text(node, "group", file),
              text(node, "name", file),
              reader.readLayers(List.of(ConfigLayer.of(origin, config)), Map.of())));
    }
    return new GridPlan(folder, trials);
  }

  private static String text(JsonNode node, String field, Path file) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IOException("grid plan " + file + ": a trial has no '" + field + "' text");
    }
    return value.asText();
  }
}
