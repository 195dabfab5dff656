package org.deltaboost.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Writes a small grid in the format of {@code deltaboost compare} (as produced by {@code
 * ./deltaboost compare --experiment quick ...}): experiment table1-mnist, labels softmax-ce and
 * sigmoid, seeds 1-3, 4 epochs, sigmoid-s3 diverged after epoch 2.
 *
 * <p>{@link Extra}s add the optional epoch fields, as functions of the trial's seed {@code s},
 * epoch {@code e} and test error {@code err} so that tests can compute the expected medians:
 *
 * <ul>
 *   <li>TOP5: {@code top5Error = err / 2}.
 *   <li>IOU: classes background, aeroplane, bicycle; {@code classIou = [1 − err, null, 0.9 − err]},
 *       {@code meanIou = 0.95 − err}.
 *   <li>PROBES: {@code gradientRms} 01Linear_weight {@code s·e·1e-3}, 01Linear_bias {@code
 *       s·e·1e-4}, 02Linear_weight {@code s·e·1e-2}, 02Linear_bias {@code s·e·1e-3}, output layer
 *       02Linear; {@code softmaxNormalization} logMean {@code s + e}, logMax {@code 2(s + e)}; a
 *       {@code deltaHistogram} on epochs 1 and 4 (not epoch 4 of softmax-ce-s1) with edges {@code
 *       [−1, 0, 1]} and counts {@code [s, 10 − s]}.
 * </ul>
 */
final class GridFixture {
  enum Extra {
    TOP5,
    IOU,
    PROBES,
    /** summary.json's reference, paired differences and verdicts (sigmoid against softmax-ce). */
    VERDICTS
  }

  static final List<String> CLASS_NAMES = List.of("background", "aeroplane", "bicycle");

  static final double[][] SOFTMAX = {
    {0.50, 0.30, 0.20, 0.25}, {0.40, 0.35, 0.30, 0.10}, {0.60, 0.20, 0.22, 0.21}
  };
  static final double[][] SIGMOID = {
    {0.80, 0.70, 0.60, 0.50}, {0.90, 0.60, 0.65, 0.55}, {0.85, 0.75}
  };

  private GridFixture() {}

  static Path write(Path grid, String experiment, boolean softmaxReachedTarget, Extra... extras)
      throws IOException {
    Set<Extra> with =
        extras.length == 0 ? EnumSet.noneOf(Extra.class) : EnumSet.copyOf(List.of(extras));
    Files.createDirectories(grid);
    for (int s = 0; s < 3; s++) {
      trial(grid, "softmax-ce", "softmax-ce", s + 1, SOFTMAX[s], false, with);
      trial(grid, "sigmoid", "sigmoid", s + 1, SIGMOID[s], s == 2, with);
    }
    String reached =
        softmaxReachedTarget
            ? "\"reachedTarget\":3,\"epochsToTarget\":{\"median\":3.0,\"low\":2.0,\"high\":3.0},"
                + "\"secondsToTarget\":{\"median\":3.0,\"low\":2.5,\"high\":3.5}"
            : "\"reachedTarget\":0,\"epochsToTarget\":" + NEVER + ",\"secondsToTarget\":" + NEVER;
    Files.writeString(
        grid.resolve("summary.json"),
        "{\n  \"experiment\" : \""
            + experiment
            + "\",\n"
            + "  \"targetError\" : 0.25,\n  \"trials\" : 3,\n"
            + "  \"bootstrap\" : {\"interval\" : 0.95, \"resamples\" : 10000, \"seed\" : 1},\n"
            + "  \"strategies\" : [ {\"strategy\":\"softmax-ce\",\"trials\":3,\"completed\":3,\"diverged\":0,"
            + "\"finalTestError\":{\"median\":0.21,\"low\":0.21,\"high\":0.25},"
            + "\"minTestError\":{\"median\":0.2,\"low\":0.1,\"high\":0.2},"
            + "\"convergenceEpoch\":{\"median\":3.0,\"low\":2.0,\"high\":4.0},"
            + reached
            + "},\n"
            + "  {\"strategy\":\"sigmoid\",\"trials\":3,\"completed\":2,\"diverged\":1,\"reachedTarget\":0,"
            + "\"finalTestError\":{\"median\":0.525,\"low\":0.5,\"high\":0.55},"
            + "\"minTestError\":{\"median\":0.525,\"low\":0.5,\"high\":0.55},"
            + "\"convergenceEpoch\":{\"median\":4.0,\"low\":4.0,\"high\":4.0},"
            + "\"epochsToTarget\":"
            + NEVER
            + ",\"secondsToTarget\":"
            + NEVER
            + "} ]"
            + (with.contains(Extra.VERDICTS) ? VERDICTS : "")
            + "\n}\n");
    return grid;
  }

  /** Sigmoid against softmax-ce: one refuted claim and one inconclusive one. */
  static final String VERDICTS =
      ",\n  \"reference\" : \"softmax-ce\",\n  \"differences\" : [ {\"strategy\":\"sigmoid\","
          + "\"reference\":\"softmax-ce\",\"pairs\":2,"
          + "\"minTestError\":{\"median\":0.325,\"low\":0.3,\"high\":0.35},"
          + "\"finalTestError\":{\"median\":0.315,\"low\":0.29,\"high\":0.34},"
          + "\"earlyTestError\":{\"median\":0.3,\"low\":0.3,\"high\":0.3},"
          + "\"convergenceEpochRelative\":{\"median\":0.25,\"low\":0.0,\"high\":0.5},"
          + "\"epochsToTarget\":null,\"epochsToTargetRelative\":{\"median\":null,\"low\":null,"
          + "\"high\":null},\"secondsToTarget\":null,\"secondsToTargetRelative\":null,"
          + "\"maxMeanIou\":null} ],\n"
          + "  \"verdicts\" : [ {\"claim\":\"sigmoid-error\",\"source\":\"Table 1\","
          + "\"quote\":\"Sigmoid outputs are worse.\",\"strategy\":\"sigmoid\","
          + "\"reference\":\"softmax-ce\",\"metric\":\"minTestError\",\"direction\":\"lower\","
          + "\"claimedSize\":null,\"margin\":0.003,\"paper\":\"1.8% vs 1.7%\","
          + "\"estimate\":{\"median\":0.325,\"low\":0.3,\"high\":0.35},\"pairs\":3,"
          + "\"verdict\":\"refuted\",\"moreTrials\":null,"
          + "\"reason\":\"the interval lies on the other side of 0\","
          + "\"tuning\":\"shipped defaults (neither tuned)\"},"
          + " {\"claim\":\"sigmoid-epochs\",\"source\":\"Table 1\","
          + "\"quote\":\"Sigmoid converges later.\",\"strategy\":\"sigmoid\","
          + "\"reference\":\"softmax-ce\",\"metric\":\"convergenceEpochRelative\","
          + "\"direction\":\"higher\",\"claimedSize\":0.25,\"margin\":0.1,"
          + "\"paper\":\"98.5 vs 73.5 epochs\","
          + "\"estimate\":{\"median\":0.25,\"low\":-0.5,\"high\":0.5},\"pairs\":3,"
          + "\"verdict\":\"inconclusive\",\"moreTrials\":9,"
          + "\"reason\":\"the interval spans 0 and leaves the margin; about 9 more trial(s) would"
          + " decide\",\"tuning\":\"shipped defaults (neither tuned)\"} ]";

  private static final String NEVER = "{\"median\":null,\"low\":null,\"high\":null}";

  private static void trial(
      Path grid,
      String label,
      String id,
      int seed,
      double[] errors,
      boolean diverged,
      Set<Extra> with)
      throws IOException {
    Path dir = Files.createDirectories(grid.resolve(label + "-s" + seed));
    Files.writeString(
        dir.resolve("config.json"),
        "{\n  \"config\" : {\"dataset\":\"mnist\",\"model\":\"mlp\","
            + "\"strategy\":{\"id\":\""
            + id
            + "\"},\"epochs\":4,\"seed\":"
            + seed
            + "},\n"
            + "  \"strategy\" : {\"id\":\""
            + id
            + "\",\"alpha\":1.0,\"beta\":0.0,\"negativeTarget\":0.0,"
            + "\"positiveTarget\":1.0},\n  \"learningRate\" : 0.1,\n  \"trainSamples\" : 8000,\n"
            + "  \"testSamples\" : 2000,\n  \"provenance\" : {\"deltaboostVersion\":\"0.1.0-SNAPSHOT\","
            + "\"djlVersion\":\"0.36.0\",\"engine\":\"PyTorch 2.7.1\",\"javaVersion\":\"17.0.15\","
            + "\"os\":\"Linux amd64\",\"cores\":2,\"dataSource\":\"fixture\","
            + "\"startedAt\":\"2026-11-27T07:2"
            + seed
            + ":00Z\",\"gitCommit\":\"0123abc\"}"
            + (with.contains(Extra.IOU)
                ? ",\n  \"classNames\" : [\"" + String.join("\",\"", CLASS_NAMES) + "\"]"
                : "")
            + "\n}\n");
    StringBuilder epochs = new StringBuilder();
    for (int e = 0; e < errors.length; e++) {
      int epoch = e + 1;
      double err = errors[e];
      epochs.append(
          String.format(
              Locale.ROOT,
              "{\"epoch\":%d,\"trainLoss\":1.5,\"testError\":%s,\"seconds\":1.25,"
                  + "\"samplesPerSecond\":6400.0,\"evalSeconds\":0.05",
              epoch,
              err));
      if (with.contains(Extra.TOP5)) {
        epochs.append(",\"top5Error\":").append(err / 2);
      }
      if (with.contains(Extra.IOU)) {
        epochs
            .append(",\"meanIou\":")
            .append(0.95 - err)
            .append(",\"classIou\":[")
            .append(1 - err)
            .append(",null,")
            .append(0.9 - err)
            .append(']');
      }
      if (with.contains(Extra.PROBES)) {
        if ((epoch == 1 || epoch == 4)
            && !(label.equals("softmax-ce") && seed == 1 && epoch == 4)) {
          epochs
              .append(",\"deltaHistogram\":{\"epoch\":")
              .append(epoch)
              .append(",\"values\":10,\"min\":-1.0,")
              .append("\"max\":1.0,\"edges\":[-1.0,0.0,1.0],\"counts\":[")
              .append(seed)
              .append(',')
              .append(10 - seed)
              .append("]}");
        }
        epochs.append(
            String.format(
                Locale.ROOT,
                ",\"gradientRms\":{\"01Linear_weight\":%s,\"01Linear_bias\":%s,"
                    + "\"02Linear_weight\":%s,\"02Linear_bias\":%s},\"gradientRmsOutputLayer\":\"02Linear\"",
                seed * epoch * 1e-3,
                seed * epoch * 1e-4,
                seed * epoch * 1e-2,
                seed * epoch * 1e-3));
        epochs.append(
            String.format(
                Locale.ROOT,
                ",\"softmaxNormalization\":{\"samples\":8000,\"mean\":null,"
                    + "\"max\":null,\"logMean\":%d.0,\"logMax\":%d.0}",
                seed + epoch,
                2 * (seed + epoch)));
      }
      epochs.append("}\n");
    }
    Files.writeString(dir.resolve("epochs.jsonl"), epochs);
    if (diverged) {
      Files.writeString(
          dir.resolve("result.json"),
          "{\"status\":\"diverged\",\"message\":\"NaN loss\","
              + "\"epoch\":"
              + (errors.length + 1)
              + ",\"step\":7,\"checkpointEpoch\":"
              + errors.length
              + "}");
    } else {
      double min = Double.MAX_VALUE;
      int at = 0;
      for (int e = 0; e < errors.length; e++) {
        if (errors[e] < min) {
          min = errors[e];
          at = e + 1;
        }
      }
      Files.writeString(
          dir.resolve("result.json"),
          String.format(
              Locale.ROOT,
              "{\"status\":\"completed\","
                  + "\"finalTestError\":%s,\"minTestError\":%s,\"convergenceEpoch\":%d,\"epochs\":%d}",
              errors[errors.length - 1],
              min,
              at,
              errors.length));
    }
  }

  /**
   * A grid of one completed trial {@code <id>-s1} of {@code epochs} epochs at test error 0.5, each
   * epoch line with the extra fields {@code fields.apply(epoch)} (JSON members, no braces).
   */
  static Path writeSingleTrial(
      Path grid, String experiment, String id, int epochs, IntFunction<String> fields)
      throws IOException {
    double[] errors = new double[epochs];
    Arrays.fill(errors, 0.5);
    trial(grid, id, id, 1, errors, false, EnumSet.noneOf(Extra.class));
    Path file = grid.resolve(id + "-s1/epochs.jsonl");
    List<String> lines = Files.readAllLines(file);
    StringBuilder out = new StringBuilder();
    for (int e = 0; e < lines.size(); e++) {
      String line = lines.get(e);
      out.append(line, 0, line.length() - 1).append(',').append(fields.apply(e + 1)).append("}\n");
    }
    Files.writeString(file, out);
    Files.writeString(
        grid.resolve("summary.json"),
        "{\"experiment\":\""
            + experiment
            + "\",\"targetError\":0.1,"
            + "\"trials\":1,\"strategies\":[{\"strategy\":\""
            + id
            + "\",\"trials\":1,\"completed\":1,"
            + "\"diverged\":0,\"reachedTarget\":0,\"finalTestError\":{\"median\":0.5,\"low\":0.5,\"high\":0.5},"
            + "\"minTestError\":{\"median\":0.5,\"low\":0.5,\"high\":0.5},"
            + "\"convergenceEpoch\":{\"median\":1.0,\"low\":1.0,\"high\":1.0},"
            + "\"epochsToTarget\":"
            + NEVER
            + ",\"secondsToTarget\":"
            + NEVER
            + "}]}");
    return grid;
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file);
  }
}
