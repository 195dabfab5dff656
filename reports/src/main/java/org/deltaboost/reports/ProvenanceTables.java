package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What produced a report: the grid's facts and each provenance field's distinct values over the
 * trials (versions, git commit, engine, Java, OS, cores, data source, start times); every trial's
 * status and wall time in the records (training seconds plus evaluation seconds of its epochs); and
 * each label's configuration as {@code config.json} gives it, without the seed.
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
   * Per label: the resolved learning rate and its first trial's config without the seed and null
   * (default) fields.
   */
  static Table configuration(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    for (String label : grid.labels()) {
      List<TrialRecord> trials = grid.trialsOf(label);
      if (trials.isEmpty()) {
        continue;
      }
      TrialRecord first = trials.get(0);
      rows.add(
          List.of(
              label,
              first.strategyId(),
              java.math.BigDecimal.valueOf(first.learningRate()).toPlainString(),
              withoutSeed(first)));
    }
    return new Table(
        "configuration",
        "Configuration of each strategy (config.json config without seed and null fields, which take defaults)",
        List.of("strategy", "strategy id", "learning rate", "config"),
        rows);
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

  private static String withoutSeed(TrialRecord trial) {
    try {
      JsonNode config = new ObjectMapper().readTree(trial.config());
      if (config instanceof ObjectNode o) {
        o.remove("seed");
      }
      removeNulls(config);
      return config.toString();
    } catch (IOException e) {
      throw new ReportException("config of " + trial.dir() + " is not JSON: " + e.getMessage(), e);
    }
  }
}
