package org.deltaboost.harness.tuning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.deltaboost.records.AtomicFileWrite;

/**
 * A tuning's record, {@code runs/<tuning>/tuning.json}: what was searched (strategy, experiment,
 * search mode and seed, seeds per configuration, the base config every configuration starts from,
 * the space), every configuration tried with its seeds' outcomes and score, and the winner (the
 * lowest score; ties go to the lower mean objective, then the earlier configuration). Rewritten
 * atomically after every configuration, so an interrupted tuning shows what it had done.
 *
 * @param strategy the strategy id tuned
 * @param experiment the experiment whose config was the base
 * @param objective how configurations are scored, in words
 * @param search {@code random} or {@code grid}
 * @param searchSeed seed of the random order
 * @param budget configurations asked for (the baseline included)
 * @param seeds the training seeds of every configuration
 * @param baseConfig the first seed's TrainingConfig before the tuned fields are set
 * @param space the search space (the fields of a search-space file's strategy object)
 * @param complete whether every configuration of the budget has run
 * @param configurations the configurations tried, in search order
 * @param winner the best configuration so far, {@code null} before the first one ends
 */
public record TuningRecord(
    String strategy,
    String experiment,
    String objective,
    String search,
    long searchSeed,
    int budget,
    List<Long> seeds,
    ObjectNode baseConfig,
    ObjectNode space,
    boolean complete,
    List<ConfigurationOutcome> configurations,
    ConfigurationOutcome winner) {

  /** The file name inside a tuning folder. */
  public static final String FILE = "tuning.json";

  /** The objective, as recorded. */
  public static final String OBJECTIVE =
      "median over seeds of the minimum validation error over epochs; a diverged seed counts as 1";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Copies the lists and picks the winner when none is given. */
  public TuningRecord {
    seeds = List.copyOf(seeds);
    configurations = List.copyOf(configurations);
    if (winner == null && !configurations.isEmpty()) {
      winner = configurations.stream().min(ConfigurationOutcome::compare).orElseThrow();
    }
  }

  /** Returns whether {@code directory} holds a tuning record. */
  public static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve(FILE));
  }

  /** Reads {@code directory/tuning.json}; errors name the file. */
  public static TuningRecord read(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    try {
      TuningRecord record = JSON.readValue(file.toFile(), TuningRecord.class);
      if (record.strategy() == null || record.seeds().isEmpty()) {
        throw new IOException("it names no strategy or no seeds");
      }
      return record;
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new IOException("cannot read tuning record " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code directory/tuning.json} atomically. */
  public void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    AtomicFileWrite.write(
        directory.resolve(FILE),
        (JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * The fields in which {@code other} searches differently (everything but the budget, the
   * configurations and the winner), as {@code name (recorded: …, asked: …)}; empty when the same.
   */
  public List<String> differencesFrom(TuningRecord other) {
    List<String> differences = new ArrayList<>();
    compare(differences, "strategy", strategy, other.strategy);
    compare(differences, "experiment", experiment, other.experiment);
    compare(differences, "search", search, other.search);
    compare(differences, "searchSeed", searchSeed, other.searchSeed);
    compare(differences, "seeds", seeds, other.seeds);
    compare(differences, "space", space, other.space);
    JsonNode mine = baseConfig.deepCopy();
    JsonNode theirs = other.baseConfig.deepCopy();
    ((ObjectNode) mine).remove("resume");
    ((ObjectNode) theirs).remove("resume");
    mine.fieldNames()
        .forEachRemaining(
            name -> {
              if (!Objects.equals(mine.get(name), theirs.get(name))) {
                differences.add(
                    "baseConfig."
                        + name
                        + " (recorded: "
                        + mine.get(name)
                        + ", asked: "
                        + theirs.get(name)
                        + ")");
              }
            });
    return differences;
  }

  private static void compare(
      List<String> differences, String name, Object recorded, Object asked) {
    if (!Objects.equals(recorded, asked)) {
      differences.add(name + " (recorded: " + recorded + ", asked: " + asked + ")");
    }
  }

  /**
   * The table printed at the end: every configuration, best first, with its score, each seed's
   * minimum validation error and its divergences; the winner and the baseline are marked.
   */
  public String render() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%ntuning %s on %s: %d of %d configurations, seeds %s; score = %s%n",
            strategy,
            experiment,
            configurations.size(),
            budget,
            seeds,
            OBJECTIVE));
    text.append(
        String.format(
            Locale.ROOT,
            "%-5s %-5s %-46s %-10s %-24s %-9s %s%n",
            "rank",
            "conf",
            "parameters",
            "score %",
            "min val. error % by seed",
            "diverged",
            ""));
    List<ConfigurationOutcome> sorted = new ArrayList<>(configurations);
    sorted.sort(ConfigurationOutcome::compare);
    int rank = 1;
    for (ConfigurationOutcome c : sorted) {
      List<String> perSeed = new ArrayList<>();
      for (SeedOutcome s : c.runs()) {
        perSeed.add(
            s.diverged()
                ? "div"
                : String.format(Locale.ROOT, "%.2f", 100 * s.minValidationError()));
      }
      String mark =
          (c == winner || c.equals(winner) ? "winner" : "")
              + (c.baseline() ? (c.equals(winner) ? ", baseline" : "baseline") : "");
      text.append(
          String.format(
              Locale.ROOT,
              "%-5d %-5s %-46s %-10s %-24s %-9s %s%n",
              rank++,
              "c" + c.index(),
              c.parameters(),
              c.score() >= SeedOutcome.DIVERGED_OBJECTIVE
                  ? "div"
                  : String.format(Locale.ROOT, "%.2f", 100 * c.score()),
              String.join(" ", perSeed),
              c.diverged() + "/" + c.runs().size(),
              mark));
    }
    return text.toString();
  }

  /** The configurations sorted best first. */
  public List<ConfigurationOutcome> ranked() {
    List<ConfigurationOutcome> sorted = new ArrayList<>(configurations);
    sorted.sort(Comparator.comparing(c -> c, ConfigurationOutcome::compare));
    return sorted;
  }
}
