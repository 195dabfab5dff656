package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.deltaboost.records.ClaimVerdict;
import org.deltaboost.records.EpochRecord;
import org.deltaboost.records.JsonFields;
import org.deltaboost.records.PairedDifference;
import org.deltaboost.records.RunRecordException;
import org.deltaboost.records.RunRecordJson;
import org.deltaboost.records.RunResult;
import org.deltaboost.records.StrategySummary;

/**
 * A {@code deltaboost compare} grid folder read whole: {@code summary.json} and the trial folders
 * {@code <label>-s<seed>/} it summarizes. Labels keep the order of {@code summary.json}.
 *
 * <p>A grid may hold trial folders the latest summary does not cover: strategies a later {@code
 * compare --strategies} left out, and seeds past a later, smaller {@code --trials} (possibly
 * unfinished). Compare runs seeds {@code seed … seed + trials − 1}, so of each label the {@code
 * trials} lowest seeds are read and the other folders are listed in {@code notSummarized}.
 *
 * @param notSummarized names of the trial folders left out, sorted
 * @param reference the strategy the others were compared with, seed by seed ({@code null} in a
 *     summary written before paired comparisons)
 * @param differences the paired differences against the reference (none in such a summary)
 * @param verdicts the verdicts on the paper's claims (none in such a summary)
 */
public record GridRecords(
    Path dir,
    String experiment,
    double targetError,
    int trialsPerStrategy,
    List<StrategySummary> summaries,
    List<TrialRecord> trials,
    List<String> notSummarized,
    String reference,
    List<PairedDifference> differences,
    List<ClaimVerdict> verdicts) {
  private static final Pattern TRIAL_FOLDER = Pattern.compile("(.+)-s(\\d{1,9})");
  private static final String[] PROVENANCE_FIELDS = {
    "deltaboostVersion",
    "gitCommit",
    "djlVersion",
    "engine",
    "javaVersion",
    "os",
    "cores",
    "dataSource",
    "startedAt"
  };

  public GridRecords {
    summaries = List.copyOf(summaries);
    trials = List.copyOf(trials);
    notSummarized = List.copyOf(notSummarized);
    differences = List.copyOf(differences);
    verdicts = List.copyOf(verdicts);
  }

  /** Reads the grid folder; a missing or malformed file is a {@link ReportException} naming it. */
  public static GridRecords read(Path gridDir) {
    try {
      return readRecords(gridDir);
    } catch (RunRecordException e) {
      throw new ReportException(e.getMessage(), e);
    }
  }

  private static GridRecords readRecords(Path gridDir) {
    Path summaryFile = gridDir.resolve("summary.json");
    if (!Files.isRegularFile(summaryFile)) {
      throw new ReportException(
          "not a compare grid folder: "
              + summaryFile
              + " is missing (expected runs/<grid>/summary.json)");
    }
    JsonNode summary = RunRecordJson.readTree(summaryFile);
    List<StrategySummary> summaries = RunRecordJson.readStrategySummaries(summary, summaryFile);
    Map<String, Integer> summarizedTrials = new LinkedHashMap<>();
    summaries.forEach(s -> summarizedTrials.put(s.strategy(), s.trials()));
    Map<String, List<Path>> folders = new LinkedHashMap<>();
    List<String> notSummarized = new ArrayList<>();
    try (Stream<Path> entries = Files.list(gridDir)) {
      for (Path dir : entries.filter(Files::isDirectory).toList()) {
        Matcher m = TRIAL_FOLDER.matcher(dir.getFileName().toString());
        if (m.matches() && summarizedTrials.containsKey(m.group(1))) {
          folders.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(dir);
        } else if (m.matches()) {
          notSummarized.add(dir.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new ReportException("cannot list grid folder " + gridDir + ": " + e.getMessage(), e);
    }
    List<TrialRecord> trials = new ArrayList<>();
    for (Map.Entry<String, Integer> label : summarizedTrials.entrySet()) {
      List<Path> bySeed =
          folders.getOrDefault(label.getKey(), List.of()).stream()
              .sorted(Comparator.comparingLong(GridRecords::seedOf))
              .toList();
      for (int i = 0; i < bySeed.size(); i++) {
        if (i < label.getValue()) {
          trials.add(readTrial(bySeed.get(i), label.getKey(), (int) seedOf(bySeed.get(i))));
        } else {
          notSummarized.add(bySeed.get(i).getFileName().toString());
        }
      }
    }
    notSummarized.sort(Comparator.naturalOrder());
    return new GridRecords(
        gridDir,
        JsonFields.text(summary, "experiment", summaryFile),
        JsonFields.number(summary, "targetError", summaryFile),
        (int) JsonFields.integer(summary, "trials", summaryFile),
        summaries,
        trials,
        notSummarized,
        JsonFields.optionalText(summary, "reference", summaryFile),
        RunRecordJson.readPairedDifferences(summary, summaryFile),
        RunRecordJson.readClaimVerdicts(summary, summaryFile));
  }

  private static long seedOf(Path trialFolder) {
    Matcher m = TRIAL_FOLDER.matcher(trialFolder.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(2)) : -1;
  }

  /** The labels in the order of {@code summary.json}. */
  public List<String> labels() {
    return summaries.stream().map(StrategySummary::strategy).toList();
  }

  /** The trials of one label, by seed. */
  public List<TrialRecord> trialsOf(String label) {
    return trials.stream().filter(t -> t.label().equals(label)).toList();
  }

  /** True when some epoch of some trial has {@code field} (e.g. a probe or {@code top5Error}). */
  public boolean anyEpoch(java.util.function.Predicate<EpochRecord> field) {
    return trials.stream().flatMap(t -> t.epochs().stream()).anyMatch(field);
  }

  private static TrialRecord readTrial(Path dir, String label, int seed) {
    Path configFile = dir.resolve("config.json");
    Path epochsFile = dir.resolve("epochs.jsonl");
    Path resultFile = dir.resolve("result.json");
    JsonNode config = RunRecordJson.readTree(configFile);
    String strategyId =
        JsonFields.text(JsonFields.required(config, "strategy", configFile), "id", configFile);
    Map<String, String> provenance = new LinkedHashMap<>();
    JsonNode p = JsonFields.required(config, "provenance", configFile);
    for (String field : PROVENANCE_FIELDS) {
      if (p.hasNonNull(field)) {
        provenance.put(field, p.get(field).asText());
      }
    }
    List<String> classNames = new ArrayList<>();
    if (config.hasNonNull("classNames")) {
      for (JsonNode name : JsonFields.array(config, "classNames", configFile)) {
        if (!name.isTextual()) {
          throw new ReportException(
              configFile + ": field 'classNames' holds " + name + ", expected strings");
        }
        classNames.add(name.asText());
      }
    }
    ObjectNode given = (ObjectNode) JsonFields.object(config, "config", configFile).deepCopy();
    List<EpochRecord> epochs = RunRecordJson.readEpochs(epochsFile);
    for (EpochRecord e : epochs) {
      List<Double> classIou = e.result().classIou();
      if (classIou != null && !classNames.isEmpty() && classIou.size() != classNames.size()) {
        throw new ReportException(
            epochsFile
                + " epoch "
                + e.result().epoch()
                + ": field 'classIou' has "
                + classIou.size()
                + " entries, "
                + configFile
                + " names "
                + classNames.size()
                + " classes");
      }
    }
    RunResult result = RunRecordJson.readResult(resultFile);
    boolean diverged;
    Double minError = null;
    Integer convergence = null;
    switch (String.valueOf(result.status())) {
      case RunResult.COMPLETED -> {
        diverged = false;
        minError = required(result.minTestError(), resultFile, "minTestError");
        convergence = required(result.convergenceEpoch(), resultFile, "convergenceEpoch");
      }
      case RunResult.DIVERGED -> diverged = true;
      default ->
          throw new ReportException(
              resultFile
                  + (result.status() == null
                      ? ": field 'status' is missing"
                      : ": field 'status' is '"
                          + result.status()
                          + "', expected 'completed' or 'diverged'"));
    }
    return new TrialRecord(
        dir,
        label,
        strategyId,
        seed,
        diverged,
        epochs,
        minError,
        convergence,
        given.toString(),
        JsonFields.number(config, "learningRate", configFile),
        classNames,
        provenance);
  }

  private static <T> T required(T value, Path file, String field) {
    if (value == null) {
      throw new ReportException(file + ": field '" + field + "' is missing");
    }
    return value;
  }
}
