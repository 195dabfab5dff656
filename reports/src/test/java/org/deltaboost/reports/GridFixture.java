package org.deltaboost.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a small grid in the format of {@code deltaboost compare} (as produced by
 * {@code ./deltaboost compare --experiment quick ...}): experiment table1-mnist, labels
 * softmax-ce and sigmoid, seeds 1-3, 4 epochs, sigmoid-s3 diverged after epoch 2.
 */
final class GridFixture {
  static final double[][] SOFTMAX = {{0.50, 0.30, 0.20, 0.25}, {0.40, 0.35, 0.30, 0.10}, {0.60, 0.20, 0.22, 0.21}};
  static final double[][] SIGMOID = {{0.80, 0.70, 0.60, 0.50}, {0.90, 0.60, 0.65, 0.55}, {0.85, 0.75}};

  private GridFixture() {}

  static Path write(Path grid, String experiment, boolean softmaxReachedTarget) throws IOException {
    Files.createDirectories(grid);
    for (int s = 0; s < 3; s++) {
      trial(grid, "softmax-ce", "softmax-ce", s + 1, SOFTMAX[s], false);
      trial(grid, "sigmoid", "sigmoid", s + 1, SIGMOID[s], s == 2);
    }
    String reached = softmaxReachedTarget
        ? "\"reachedTarget\":3,\"epochsToTarget\":{\"median\":3.0,\"low\":2.0,\"high\":3.0},"
            + "\"secondsToTarget\":{\"median\":3.0,\"low\":2.5,\"high\":3.5}"
        : "\"reachedTarget\":0,\"epochsToTarget\":" + NEVER + ",\"secondsToTarget\":" + NEVER;
    Files.writeString(grid.resolve("summary.json"), "{\n  \"experiment\" : \"" + experiment + "\",\n"
        + "  \"targetError\" : 0.25,\n  \"trials\" : 3,\n"
        + "  \"bootstrap\" : {\"interval\" : 0.95, \"resamples\" : 10000, \"seed\" : 1},\n"
        + "  \"strategies\" : [ {\"strategy\":\"softmax-ce\",\"trials\":3,\"completed\":3,\"diverged\":0,"
        + "\"finalTestError\":{\"median\":0.21,\"low\":0.21,\"high\":0.25},"
        + "\"minTestError\":{\"median\":0.2,\"low\":0.1,\"high\":0.2},"
        + "\"convergenceEpoch\":{\"median\":3.0,\"low\":2.0,\"high\":4.0}," + reached + "},\n"
        + "  {\"strategy\":\"sigmoid\",\"trials\":3,\"completed\":2,\"diverged\":1,\"reachedTarget\":0,"
        + "\"finalTestError\":{\"median\":0.525,\"low\":0.5,\"high\":0.55},"
        + "\"minTestError\":{\"median\":0.525,\"low\":0.5,\"high\":0.55},"
        + "\"convergenceEpoch\":{\"median\":4.0,\"low\":4.0,\"high\":4.0},"
        + "\"epochsToTarget\":" + NEVER + ",\"secondsToTarget\":" + NEVER + "} ]\n}\n");
    return grid;
  }

  private static final String NEVER = "{\"median\":null,\"low\":null,\"high\":null}";

  private static void trial(Path grid, String label, String id, int seed, double[] errors, boolean diverged)
      throws IOException {
    Path dir = Files.createDirectories(grid.resolve(label + "-s" + seed));
    Files.writeString(dir.resolve("config.json"), "{\n  \"config\" : {\"dataset\":\"mnist\",\"model\":\"mlp\","
        + "\"strategy\":{\"id\":\"" + id + "\"},\"epochs\":4,\"seed\":" + seed + "},\n"
        + "  \"strategy\" : {\"id\":\"" + id + "\",\"alpha\":1.0,\"beta\":0.0,\"negativeTarget\":0.0,"
        + "\"positiveTarget\":1.0},\n  \"learningRate\" : 0.1,\n  \"trainSamples\" : 8000,\n"
        + "  \"testSamples\" : 2000,\n  \"provenance\" : {\"deltaboostVersion\":\"0.1.0-SNAPSHOT\","
        + "\"djlVersion\":\"0.36.0\",\"engine\":\"PyTorch 2.7.1\",\"javaVersion\":\"17.0.15\","
        + "\"os\":\"Linux amd64\",\"cores\":2,\"dataSource\":\"fixture\","
        + "\"startedAt\":\"2026-11-27T07:2" + seed + ":00Z\"}\n}\n");
    StringBuilder epochs = new StringBuilder();
    for (int e = 0; e < errors.length; e++) {
      epochs.append(String.format(Locale.ROOT, "{\"epoch\":%d,\"trainLoss\":1.5,\"testError\":%s,\"seconds\":1.25,"
          + "\"samplesPerSecond\":6400.0,\"evalSeconds\":0.05}%n", e + 1, errors[e]));
    }
    Files.writeString(dir.resolve("epochs.jsonl"), epochs);
    if (diverged) {
      Files.writeString(dir.resolve("result.json"), "{\"status\":\"diverged\",\"message\":\"NaN loss\","
          + "\"epoch\":" + (errors.length + 1) + ",\"step\":7,\"checkpointEpoch\":" + errors.length + "}");
    } else {
      double min = Double.MAX_VALUE;
      int at = 0;
      for (int e = 0; e < errors.length; e++) {
        if (errors[e] < min) {
          min = errors[e];
          at = e + 1;
        }
      }
      Files.writeString(dir.resolve("result.json"), String.format(Locale.ROOT, "{\"status\":\"completed\","
          + "\"finalTestError\":%s,\"minTestError\":%s,\"convergenceEpoch\":%d,\"epochs\":%d}",
          errors[errors.length - 1], min, at, errors.length));
    }
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file);
  }
}
