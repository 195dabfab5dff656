package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three strategies after the paper (rescaled-square, squentropy, label-smoothing-ce) through
 * the shipped {@code deltaboost} script: each trains one epoch on the embedded Fashion-MNIST, its
 * parameters given as flags reach {@code config.json}, a run of each kind of output exports with
 * the parity check (rescaled-square's linear logits; label-smoothing-ce's with the softmax
 * probabilities), and an out-of-range parameter is refused in a line naming it.
 *
 * <p>Runs in the {@code integration-test} phase, as {@link LauncherEndToEndIT} does.
 */
class StrategiesLauncherIT {

  private static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void findLauncher() {
    launcher = LauncherProcess.launcher();
  }

  @Test
  void eachNewStrategyTrainsThroughTheLauncherAndExports() throws Exception {
    JsonNode squentropy = train("squentropy", "sq");
    assertEquals("squentropy", squentropy.get("id").asText());

    // Fashion-MNIST has 10 classes: k = M = 1 unless given (Hui & Belkin rescale from 48 classes).
    JsonNode square =
        train("rescaled-square", "rs", "--true-class-weight", "3", "--targets", "0,2");
    assertEquals(3.0, square.get("trueClassWeight").asDouble(), square.toString());
    assertEquals(2.0, square.get("positiveTarget").asDouble(), square.toString());
    String exported = launch("export", "--run", run("rs").toString(), "--out", "rs.onnx");
    assertTrue(
        exported.contains(": passed") && Files.isRegularFile(dir.resolve("rs.onnx")), exported);

    JsonNode smoothed = train("label-smoothing-ce", "ls");
    assertEquals(0.1, smoothed.get("smoothing").asDouble(), smoothed.toString());
    JsonNode given = train("label-smoothing-ce", "ls2", "--smoothing", "0.2");
    assertEquals(0.2, given.get("smoothing").asDouble(), given.toString());
    exported =
        launch("export", "--run", run("ls").toString(), "--out", "ls.onnx", "--probabilities");
    assertTrue(exported.contains("temperature T = "), exported);
    assertTrue(
        exported.contains(": passed") && Files.isRegularFile(dir.resolve("ls.onnx")), exported);
  }

  @Test
  void outOfRangeParametersAreRefusedNamingThem() throws Exception {
    refused(
        "smoothing 1.0 must be in [0, 1) (strategy label-smoothing-ce)",
        "--strategy",
        "label-smoothing-ce",
        "--smoothing",
        "1");
    refused(
        "trueClassWeight 0.0 must be greater than 0 (strategy rescaled-square)",
        "--strategy",
        "rescaled-square",
        "--true-class-weight",
        "0");
  }

  /** Trains one epoch of 4 steps; returns the resolved strategy of its {@code config.json}. */
  private JsonNode train(String strategy, String runId, String... options) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--dataset",
                "fashion-mnist-embedded",
                "--strategy",
                strategy,
                "--epochs",
                "1",
                "--train-limit",
                "512",
                "--lr",
                "0.05",
                "--runs-dir",
                dir.resolve("runs").toString(),
                "--run-id",
                runId,
                "--progress",
                "never"));
    args.addAll(List.of(options));
    String out = launch(args.toArray(String[]::new));
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        "completed",
        json.readTree(run(runId).resolve("result.json").toFile()).get("status").asText(),
        out);
    JsonNode resolved = json.readTree(run(runId).resolve("config.json").toFile()).get("strategy");
    assertEquals(strategy, resolved.get("id").asText(), resolved.toString());
    return resolved;
  }

  private Path run(String runId) {
    return dir.resolve("runs").resolve(runId);
  }

  private void refused(String message, String... options) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--dataset",
                "fashion-mnist-embedded",
                "--epochs",
                "1",
                "--runs-dir",
                dir.resolve("refused").toString()));
    args.addAll(List.of(options));
    LauncherProcess run = LauncherProcess.run(launcher, dir, Map.of(), args.toArray(String[]::new));
    assertNotEquals(0, run.exit(), run.transcript());
    assertTrue(run.err().startsWith("deltaboost train: " + message + "\n"), run.transcript());
    assertFalse(LauncherProcess.STACK_TRACE.matcher(run.err()).find(), run.transcript());
    assertFalse(Files.exists(dir.resolve("refused")), "no run folder: " + run.transcript());
  }

  private String launch(String... args) throws IOException, InterruptedException {
    return LauncherProcess.runClean(launcher, dir, args);
  }
}
