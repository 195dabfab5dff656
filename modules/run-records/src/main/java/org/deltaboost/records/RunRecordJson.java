package org.deltaboost.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the run records, both ways: {@code epochs.jsonl} lines ({@link EpochRecord}),
 * {@code result.json} ({@link RunResult}) and the strategy entries of {@code summary.json} ({@link
 * StrategySummary}).
 *
 * <p>Writing keeps the field order of the record types; whole files ({@link #fileText}) are
 * indented and end in a newline, epoch lines are compact. Reading ignores unknown fields and checks
 * the known ones: a required field that is missing, a field of the wrong type, or a probe that
 * contradicts itself is a {@link RunRecordException} naming the file (and line), the field, the
 * value found and what was expected. Optional fields absent from the file are {@code null} (or
 * {@code 0} for {@code trainLoss} and {@code samplesPerSecond}).
 */
public final class RunRecordJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper INDENTED =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunRecordJson() {}

  /** One {@code epochs.jsonl} line, without its newline. */
  public static String epochLine(EpochRecord record) {
    ObjectNode line = JSON.valueToTree(record.result());
    line.setAll((ObjectNode) JSON.valueToTree(record.probes()));
    try {
      return JSON.writeValueAsString(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an epoch line", e);
    }
  }

  /**
   * A whole record file's text ({@code config.json}, {@code result.json}, {@code summary.json}):
   * {@code value} indented, then a newline.
   */
  public static String fileText(Object value) {
    try {
      return INDENTED.writeValueAsString(value) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a run record file", e);
    }
  }

  /** {@link #fileText} as UTF-8 bytes. */
  public static byte[] fileBytes(Object value) {
    return fileText(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Parses a whole JSON file. */
  public static JsonNode readTree(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new RunRecordException("run record file " + file + " is missing");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new RunRecordException("malformed JSON in " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code epochs.jsonl}: empty when the file does not exist; blank lines are skipped; the
   * epochs must run 1, 2, … in order.
   */
  public static List<EpochRecord> readEpochs(Path file) {
    List<String> lines;
    try {
      lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new RunRecordException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<EpochRecord> epochs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      JsonNode line = parseLine(lines.get(i), where);
      long number = JsonFields.integer(line, "epoch", where);
      if (number != epochs.size() + 1) {
        throw new RunRecordException(
            where
                + ": field 'epoch' is "
                + number
                + ", expected "
                + (epochs.size() + 1)
                + " (epochs in order from 1)");
      }
      epochs.add(readEpochLine(line, where));
    }
    return epochs;
  }

  /**
   * Reads one {@code epochs.jsonl} line; {@code where} names the file and line for errors. {@code
   * epoch}, {@code testError}, {@code seconds} and {@code evalSeconds} are required.
   */
  public static EpochRecord readEpochLine(String text, String where) {
    return readEpochLine(parseLine(text, where), where);
  }

  private static JsonNode parseLine(String text, String where) {
    JsonNode line;
    try {
      line = JSON.readTree(text);
    } catch (IOException e) {
      throw new RunRecordException("malformed JSON in " + where + ": " + e.getMessage(), e);
    }
    if (line == null || !line.isObject()) {
      throw new RunRecordException(where + ": " + line + " is not a JSON object");
    }
    return line;
  }

  private static EpochRecord readEpochLine(JsonNode line, String where) {
    List<Double> classIou = null;
    if (line.hasNonNull("classIou")) {
      classIou = new ArrayList<>();
      for (JsonNode c : JsonFields.array(line, "classIou", where)) {
        if (!c.isNull() && !(c.isNumber() && c.asDouble() >= 0 && c.asDouble() <= 1)) {
          throw new RunRecordException(
              where + ": field 'classIou' holds " + c + ", expected fractions in [0, 1] or null");
        }
        classIou.add(c.isNull() ? null : c.asDouble());
      }
    }
    EpochResult result =
        new EpochResult(
            (int) JsonFields.integer(line, "epoch", where),
            orZero(JsonFields.optionalNumber(line, "trainLoss", where)),
            JsonFields.number(line, "testError", where),
            JsonFields.number(line, "seconds", where),
            orZero(JsonFields.optionalNumber(line, "samplesPerSecond", where)),
            JsonFields.number(line, "evalSeconds", where),
            JsonFields.optionalFraction(line, "top5Error", where),
            JsonFields.optionalFraction(line, "meanIou", where),
            classIou);
    Map<String, Double> rms = null;
    String outputLayer = null;
    if (line.hasNonNull("gradientRms")) {
      rms = new LinkedHashMap<>();
      for (var it = JsonFields.object(line, "gradientRms", where).fields(); it.hasNext(); ) {
        var entry = it.next();
        if (!entry.getValue().isNumber()) {
          throw new RunRecordException(
              where
                  + ": field 'gradientRms' has "
                  + entry.getKey()
                  + " = "
                  + entry.getValue()
                  + ", expected a number");
        }
        rms.put(entry.getKey(), entry.getValue().asDouble());
      }
      rms = Collections.unmodifiableMap(rms);
      outputLayer = JsonFields.text(line, "gradientRmsOutputLayer", where);
    }
    EpochProbes probes =
        new EpochProbes(
            line.hasNonNull("deltaHistogram")
                ? deltaHistogram(JsonFields.object(line, "deltaHistogram", where), where)
                : null,
            rms,
            outputLayer,
            line.hasNonNull("softmaxNormalization")
                ? softmaxNormalization(
                    JsonFields.object(line, "softmaxNormalization", where), where)
                : null);
    return new EpochRecord(result, probes);
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }

  /**
   * Checks on reading: {@code edges} ascending with one more entry than {@code counts}, counts
   * non-negative and summing to {@code values}.
   */
  private static DeltaHistogram deltaHistogram(JsonNode node, String where) {
    String at = where + " deltaHistogram";
    int epoch = (int) JsonFields.integer(node, "epoch", at);
    long values = JsonFields.integer(node, "values", at);
    List<Double> edges = new ArrayList<>();
    for (JsonNode e : JsonFields.array(node, "edges", at)) {
      if (!e.isNumber()) {
        throw new RunRecordException(at + ": field 'edges' holds " + e + ", expected numbers");
      }
      edges.add(e.asDouble());
    }
    List<Long> counts = new ArrayList<>();
    long sum = 0;
    for (JsonNode c : JsonFields.array(node, "counts", at)) {
      if (!c.canConvertToLong() || !c.isIntegralNumber() || c.asLong() < 0) {
        throw new RunRecordException(
            at + ": field 'counts' holds " + c + ", expected non-negative integers");
      }
      counts.add(c.asLong());
      sum += c.asLong();
    }
    if (counts.isEmpty() || edges.size() != counts.size() + 1) {
      throw new RunRecordException(
          at
              + ": "
              + edges.size()
              + " edges for "
              + counts.size()
              + " counts, expected one more edge than counts and at least one bin");
    }
    for (int i = 1; i < edges.size(); i++) {
      if (!(edges.get(i) > edges.get(i - 1))) {
        throw new RunRecordException(
            at + ": field 'edges' is not ascending at index " + i + ": " + edges);
      }
    }
    if (sum != values) {
      throw new RunRecordException(at + ": counts sum to " + sum + ", field 'values' is " + values);
    }
    return new DeltaHistogram(
        epoch,
        values,
        JsonFields.number(node, "min", at),
        JsonFields.number(node, "max", at),
        List.copyOf(edges),
        List.copyOf(counts));
  }

  private static SoftmaxNormalization softmaxNormalization(JsonNode node, String where) {
    String at = where + " softmaxNormalization";
    return new SoftmaxNormalization(
        JsonFields.integer(node, "samples", at),
        JsonFields.optionalNumber(node, "mean", at),
        JsonFields.optionalNumber(node, "max", at),
        JsonFields.number(node, "logMean", at),
        JsonFields.number(node, "logMax", at));
  }

  /**
   * Reads {@code result.json}. Every field is optional here; {@code status} says which a reader may
   * expect (see {@link RunResult}).
   */
  public static RunResult readResult(Path file) {
    JsonNode node = readTree(file);
    if (!node.isObject()) {
      throw new RunRecordException(file + ": " + node + " is not a JSON object");
    }
    return new RunResult(
        JsonFields.optionalText(node, "status", file),
        JsonFields.optionalText(node, "message", file),
        JsonFields.optionalNumber(node, "finalTestError", file),
        JsonFields.optionalNumber(node, "minTestError", file),
        JsonFields.optionalInteger(node, "convergenceEpoch", file),
        JsonFields.optionalInteger(node, "epochs", file),
        JsonFields.optionalInteger(node, "skippedUnreadable", file),
        JsonFields.optionalInteger(node, "epoch", file),
        JsonFields.optionalInteger(node, "step", file),
        JsonFields.optionalInteger(node, "checkpointEpoch", file));
  }

  /**
   * Reads the {@code strategies} of a parsed {@code summary.json}; {@code where} names the file.
   * Every field is required; an interval may be {@code null} (no completed trial).
   */
  public static List<StrategySummary> readStrategySummaries(JsonNode summary, Object where) {
    List<StrategySummary> summaries = new ArrayList<>();
    for (JsonNode s : JsonFields.array(summary, "strategies", where)) {
      summaries.add(
          new StrategySummary(
              JsonFields.text(s, "strategy", where),
              (int) JsonFields.integer(s, "trials", where),
              (int) JsonFields.integer(s, "completed", where),
              (int) JsonFields.integer(s, "diverged", where),
              (int) JsonFields.integer(s, "reachedTarget", where),
              interval(s, "finalTestError", where),
              interval(s, "minTestError", where),
              interval(s, "convergenceEpoch", where),
              interval(s, "epochsToTarget", where),
              interval(s, "secondsToTarget", where)));
    }
    return summaries;
  }

  /**
   * Reads the {@code differences} of a parsed {@code summary.json} (none when the field is absent,
   * as in files written before paired differences); {@code where} names the file.
   */
  public static List<PairedDifference> readPairedDifferences(JsonNode summary, Object where) {
    List<PairedDifference> differences = new ArrayList<>();
    if (!summary.hasNonNull("differences")) {
      return differences;
    }
    for (JsonNode d : JsonFields.array(summary, "differences", where)) {
      differences.add(
          new PairedDifference(
              JsonFields.text(d, "strategy", where),
              JsonFields.text(d, "reference", where),
              (int) JsonFields.integer(d, "pairs", where),
              interval(d, "minTestError", where),
              interval(d, "finalTestError", where),
              interval(d, "earlyTestError", where),
              interval(d, "convergenceEpochRelative", where),
              interval(d, "epochsToTarget", where),
              interval(d, "epochsToTargetRelative", where),
              interval(d, "secondsToTarget", where),
              interval(d, "secondsToTargetRelative", where),
              d.hasNonNull("maxMeanIou") ? interval(d, "maxMeanIou", where) : null,
              d.hasNonNull("hiddenGradientRmsLog10")
                  ? interval(d, "hiddenGradientRmsLog10", where)
                  : null));
    }
    return differences;
  }

  /**
   * Reads the {@code verdicts} of a parsed {@code summary.json} (none when the field is absent);
   * {@code where} names the file.
   */
  public static List<ClaimVerdict> readClaimVerdicts(JsonNode summary, Object where) {
    List<ClaimVerdict> verdicts = new ArrayList<>();
    if (!summary.hasNonNull("verdicts")) {
      return verdicts;
    }
    for (JsonNode v : JsonFields.array(summary, "verdicts", where)) {
      Verdict verdict;
      try {
        verdict = Verdict.of(JsonFields.text(v, "verdict", where));
      } catch (IllegalArgumentException e) {
        throw new RunRecordException(where + ": field 'verdict': " + e.getMessage(), e);
      }
      verdicts.add(
          new ClaimVerdict(
              JsonFields.text(v, "claim", where),
              JsonFields.text(v, "source", where),
              JsonFields.text(v, "quote", where),
              JsonFields.text(v, "strategy", where),
              JsonFields.text(v, "reference", where),
              JsonFields.text(v, "metric", where),
              JsonFields.text(v, "direction", where),
              JsonFields.optionalNumber(v, "claimedSize", where),
              JsonFields.number(v, "margin", where),
              JsonFields.text(v, "paper", where),
              v.hasNonNull("estimate") ? interval(v, "estimate", where) : null,
              (int) JsonFields.integer(v, "pairs", where),
              verdict,
              JsonFields.optionalInteger(v, "moreTrials", where),
              JsonFields.text(v, "reason", where),
              JsonFields.text(v, "tuning", where)));
    }
    return verdicts;
  }

  private static Interval interval(JsonNode node, String field, Object where) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new RunRecordException(where + ": field '" + field + "' is missing");
    }
    if (value.isNull()) {
      return null; // no trial of the strategy completed
    }
    String at = where + " " + field;
    return new Interval(
        orNever(JsonFields.optionalNumber(value, "median", at)),
        orNever(JsonFields.optionalNumber(value, "low", at)),
        orNever(JsonFields.optionalNumber(value, "high", at)));
  }

  private static double orNever(Double value) {
    return value == null ? Double.POSITIVE_INFINITY : value;
  }
}
