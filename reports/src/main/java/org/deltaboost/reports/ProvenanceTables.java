package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What produced a report: the grid's facts and each provenance field's distinct values over the
 * trials (versions, git commit, engine, Java, OS, cores, data source, start times); every trial's
 * status and wall time in the records (training seconds plus evaluation seconds of its epochs); and
 * the configuration fields that differ between labels.
 */
final class ProvenanceTables {
  private ProvenanceTables() {}

  /**
   * Field/value rows: the grid's facts, then each provenance field's distinct values over trials.
   */
  static Table provenance(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    TreeSet<Integer> seeds = new TreeSet<>();
    int diverged = 0;
    double trainSeconds = 0;
    double wallSeconds = 0;
    for (TrialRecord t : grid.trials()) {
      seeds.add(t.seed());
      diverged += t.diverged() ? 1 : 0;
      trainSeconds += t.trainSeconds().stream().mapToDouble(Double::doubleValue).sum();
      wallSeconds += t.wallSeconds();
    }
    rows.add(List.of("experiment", grid.experiment()));
    rows.add(List.of("grid folder", grid.dir().getFileName().toString()));
    rows.add(List.of("strategies", String.join(", ", grid.labels())));
    rows.add(List.of("trials per strategy", Integer.toString(grid.trialsPerStrategy())));
    rows.add(List.of("trials recorded", Integer.toString(grid.trials().size())));
    if (!grid.notSummarized().isEmpty()) {
      rows.add(
          List.of(
              "trial folders not in summary.json (left out)",
              String.join(", ", grid.notSummarized())));
    }
    rows.add(List.of("diverged trials", Integer.toString(diverged)));
    rows.add(List.of("seeds", seeds.toString().replaceAll("[\\[\\]]", "")));
    rows.add(List.of("target error %", GridTables.percent(grid.targetError())));
    rows.add(List.of("training seconds, all trials", GridTables.format(trainSeconds, 1)));
    rows.add(
        List.of("training + evaluation seconds, all trials", GridTables.format(wallSeconds, 1)));
    Map<String, TreeSet<String>> values = new LinkedHashMap<>();
    for (TrialRecord t : grid.trials()) {
      t.provenance().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
    }
    values.forEach(
        (field, distinct) -> {
          if (field.equals("startedAt")) {
            rows.add(List.of("started", distinct.first() + " … " + distinct.last()));
          } else {
            rows.add(List.of(field, String.join("; ", distinct)));
          }
        });
    if (!values.containsKey("gitCommit")) {
      rows.add(List.of("gitCommit", "not recorded"));
    }
    return new Table("provenance", "Provenance", List.of("field", "value"), rows);
  }

  /** One row per trial: status, epochs recorded, training, evaluation and total seconds. */
  static Table trials(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    for (TrialRecord t : grid.trials()) {
      double train = t.trainSeconds().stream().mapToDouble(Double::doubleValue).sum();
      rows.add(
          List.of(
              t.label(),
              Integer.toString(t.seed()),
              t.diverged() ? "diverged" : "completed",
              Integer.toString(t.epochs().size()),
              GridTables.format(train, 1),
              GridTables.format(t.wallSeconds() - train, 1),
              GridTables.format(t.wallSeconds(), 1)));
    }
    return new Table(
        "trials",
        "Trials: status and wall time in the records",
        List.of("strategy", "seed", "status", "epochs", "training s", "evaluation s", "total s"),
        rows);
  }

  /**
   * The configuration fields that differ between strategies, as a table: one row per strategy (its
   * first trial's {@code config.json}), one column per field that does not have the same value in
   * every strategy (dotted names, e.g. {@code strategy.id}), the resolved learning rate first when
   * it differs. The seed and the fields every strategy shares are left out: each trial's {@code
   * config.json} and the grid's {@code grid.json} hold them. A field a strategy leaves to its
   * default shows {@code default}.
   */
  static Table configuration(GridRecords grid) {
    Map<String, Map<String, String>> byLabel = new LinkedHashMap<>();
    Set<String> fields = new LinkedHashSet<>();
    for (String label : grid.labels()) {
      List<TrialRecord> trials = grid.trialsOf(label);
      if (trials.isEmpty()) {
        continue;
      }
      TrialRecord first = trials.get(0);
      Map<String, String> flat = new LinkedHashMap<>();
      flat.put(LEARNING_RATE, BigDecimal.valueOf(first.learningRate()).toPlainString());
      flatten("", withoutSeed(first), flat);
      byLabel.put(label, flat);
      fields.addAll(flat.keySet());
    }
    List<String> differing = new ArrayList<>();
    for (String field : fields) {
      Set<String> values = new HashSet<>();
      byLabel.values().forEach(flat -> values.add(flat.getOrDefault(field, DEFAULT)));
      if (values.size() > 1) {
        differing.add(field);
      }
    }
    List<String> headers = new ArrayList<>(List.of("strategy"));
    headers.addAll(differing);
    List<List<String>> rows = new ArrayList<>();
    byLabel.forEach(
        (label, flat) -> {
          List<String> row = new ArrayList<>(List.of(label));
          differing.forEach(f -> row.add(flat.getOrDefault(f, DEFAULT)));
          rows.add(row);
        });
    return new Table(
        "configuration",
        "Configuration: the fields that differ between strategies (the shared ones are in each"
            + " trial's config.json and in grid.json)",
        headers,
        rows);
  }

  private static final String LEARNING_RATE = "learning rate (resolved)";
  private static final String DEFAULT = "default";

  /** Object fields become dotted names; arrays and scalars their JSON text. */
  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node instanceof ObjectNode o && !o.isEmpty()) {
      o.fields()
          .forEachRemaining(
              f ->
                  flatten(
                      prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                      f.getValue(),
                      into));
    } else if (!prefix.isEmpty()) {
      into.put(prefix, node.isTextual() ? node.asText() : node.toString());
    }
  }

  private static void removeNulls(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> nulls = new ArrayList<>();
      o.fields()
          .forEachRemaining(
              f -> {
                if (f.getValue().isNull()) {
                  nulls.add(f.getKey());
                } else {
                  removeNulls(f.getValue());
                }
              });
      o.remove(nulls);
    }
  }

  private static JsonNode withoutSeed(TrialRecord trial) {
    try {
      JsonNode config = new ObjectMapper().readTree(trial.config());
      if (config instanceof ObjectNode o) {
        o.remove("seed");
      }
      removeNulls(config);
      return config;
    } catch (IOException e) {
      throw new ReportException("config of " + trial.dir() + " is not JSON: " + e.getMessage(), e);
    }
  }
}
