package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code deltaboost compare} grid folder read whole: {@code summary.json} and every trial folder
 * {@code <label>-s<seed>/}. Labels keep the order of {@code summary.json}.
 */
public record GridRecords(
    Path dir,
    String experiment,
    double targetError,
    int trialsPerStrategy,
    List<StrategySummary> summaries,
    List<TrialRecord> trials) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TRIAL_FOLDER = Pattern.compile("(.+)-s(\\d+)");
  private static final String[] PROVENANCE_FIELDS = {
    "deltaboostVersion", "djlVersion", "engine", "javaVersion", "os", "cores", "dataSource", "startedAt"
  };

  public GridRecords {
    summaries = List.copyOf(summaries);
    trials = List.copyOf(trials);
  }

  /** Reads the grid folder; a missing or malformed file is a {@link ReportException} naming it. */
  public static GridRecords read(Path gridDir) {
    Path summaryFile = gridDir.resolve("summary.json");
    if (!Files.isRegularFile(summaryFile)) {
      throw new ReportException(
          "not a compare grid folder: " + summaryFile + " is missing (expected runs/<grid>/summary.json)");
    }
    JsonNode summary = readJson(summaryFile);
    List<StrategySummary> summaries = new ArrayList<>();
    for (JsonNode s : required(summary, "strategies", summaryFile)) {
      summaries.add(
          new StrategySummary(
              text(s, "strategy", summaryFile),
              integer(s, "trials", summaryFile),
              integer(s, "completed", summaryFile),
              integer(s, "diverged", summaryFile),
              integer(s, "reachedTarget", summaryFile),
              interval(s, "finalTestError", summaryFile),
              interval(s, "minTestError", summaryFile),
              interval(s, "convergenceEpoch", summaryFile),
              interval(s, "epochsToTarget", summaryFile),
              interval(s, "secondsToTarget", summaryFile)));
    }
    List<TrialRecord> trials = new ArrayList<>();
    try (Stream<Path> entries = Files.list(gridDir)) {
      for (Path dir : entries.filter(Files::isDirectory).sorted().toList()) {
        Matcher m = TRIAL_FOLDER.matcher(dir.getFileName().toString());
        if (m.matches()) {
          trials.add(readTrial(dir, m.group(1), Integer.parseInt(m.group(2))));
        }
      }
    } catch (IOException e) {
      throw new ReportException("cannot list grid folder " + gridDir + ": " + e.getMessage(), e);
    }
    List<String> order = summaries.stream().map(StrategySummary::label).toList();
    // A grid may hold trials of strategies that the latest compare (with --strategies) did not
    // summarize; the report shows what summary.json compares.
    trials.removeIf(t -> !order.contains(t.label()));
    trials.sort(
        Comparator.comparingInt((TrialRecord t) -> order.indexOf(t.label())).thenComparingInt(TrialRecord::seed));
    return new GridRecords(
        gridDir,
        text(summary, "experiment", summaryFile),
        number(summary, "targetError", summaryFile),
        integer(summary, "trials", summaryFile),
        summaries,
        trials);
  }

  /** The labels in the order of {@code summary.json}. */
  public List<String> labels() {
    return summaries.stream().map(StrategySummary::label).toList();
  }

  /** The trials of one label, by seed. */
  public List<TrialRecord> trialsOf(String label) {
    return trials.stream().filter(t -> t.label().equals(label)).toList();
  }

  private static TrialRecord readTrial(Path dir, String label, int seed) {
    Path configFile = dir.resolve("config.json");
    Path epochsFile = dir.resolve("epochs.jsonl");
    Path resultFile = dir.resolve("result.json");
    JsonNode config = readJson(configFile);
    String strategyId = text(required(config, "strategy", configFile), "id", configFile);
    Map<String, String> provenance = new LinkedHashMap<>();
    JsonNode p = required(config, "provenance", configFile);
    for (String field : PROVENANCE_FIELDS) {
      if (p.hasNonNull(field)) {
        provenance.put(field, p.get(field).asText());
      }
    }
    List<Double> errors = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.exists(epochsFile) ? Files.readAllLines(epochsFile) : List.of();
    } catch (IOException e) {
      throw new ReportException("cannot read " + epochsFile + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = epochsFile + " line " + (i + 1);
      JsonNode epoch;
      try {
        epoch = JSON.readTree(lines.get(i));
      } catch (IOException e) {
        throw new ReportException("malformed JSON in " + where + ": " + e.getMessage(), e);
      }
      int number = integer(epoch, "epoch", where);
      if (number != errors.size() + 1) {
        throw new ReportException(
            where + ": field 'epoch' is " + number + ", expected " + (errors.size() + 1) + " (epochs in order from 1)");
      }
      errors.add(number(epoch, "testError", where));
      seconds.add(number(epoch, "seconds", where));
    }
    JsonNode result = readJson(resultFile);
    String status = text(result, "status", resultFile);
    boolean diverged;
    Double minError = null;
    Integer convergence = null;
    switch (status) {
      case "completed" -> {
        diverged = false;
        minError = number(result, "minTestError", resultFile);
        convergence = integer(result, "convergenceEpoch", resultFile);
      }
      case "diverged" -> diverged = true;
      default -> throw new ReportException(
          resultFile + ": field 'status' is '" + status + "', expected 'completed' or 'diverged'");
    }
    return new TrialRecord(dir, label, strategyId, seed, diverged, errors, seconds, minError, convergence, provenance);
  }

  private static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ReportException("run record file " + file + " is missing");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ReportException("malformed JSON in " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new ReportException(where + ": field '" + field + "' is missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isTextual()) {
      throw new ReportException(where + ": field '" + field + "' is " + value + ", expected a string");
    }
    return value.asText();
  }

  private static double number(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isNumber()) {
      throw new ReportException(where + ": field '" + field + "' is " + value + ", expected a number");
    }
    return value.asDouble();
  }

  private static int integer(JsonNode node, String field, Object where) {
    JsonNode value = required(node, field, where);
    if (!value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
      throw new ReportException(where + ": field '" + field + "' is " + value + ", expected an integer");
    }
    return value.asInt();
  }

  private static Interval interval(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new ReportException(where + ": field '" + field + "' is missing");
    }
    if (value.isNull()) {
      // compare writes null when no trial of the strategy completed (all diverged)
      return new Interval(null, null, null);
    }
    return new Interval(
        nullableNumber(value, "median", where + " " + field),
        nullableNumber(value, "low", where + " " + field),
        nullableNumber(value, "high", where + " " + field));
  }

  private static Double nullableNumber(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new ReportException(where + ": field '" + field + "' is " + value + ", expected a number or null");
    }
    return value.asDouble();
  }
}
