package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltaboost.onnx.InputForm;
import org.deltaboost.onnx.OnnxModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw pixels in, right answers out, through the shipped {@code deltaboost} script: a tiny MLP
 * trained by {@code train}, exported by {@code export} (raw uint8 pixels by default) and by {@code
 * export --float-input} (the earlier form), each run by {@code infer}. The pixel model's test error
 * must be the float model's exactly, and training's within the parity limit (0.1% of argmaxes).
 *
 * <p>Runs in the {@code integration-test} phase ({@code mvn verify}) like {@link
 * LauncherEndToEndIT}; without {@code deltaboost.launcher} it skips.
 */
class ExportInferLauncherIT {

  private static final Pattern TEST_ERROR = Pattern.compile("(?m)^test error ([0-9.]+)%");
  private static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void findLauncher() {
    launcher = LauncherProcess.launcher();
  }

  @Test
  void aModelThatTakesRawPixelsGivesTheErrorOfTheFloatModelAndOfTraining() throws Exception {
    LauncherProcess train =
        deltaboost(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--model",
            "mlp",
            "--train-limit",
            "512",
            "--epochs",
            "1",
            "--lr",
            "0.01",
            "--runs-dir",
            "runs",
            "--run-id",
            "tiny",
            "--progress",
            "never");
    assertEquals(0, train.exit(), train.transcript());
    double trained =
        new ObjectMapper()
            .readTree(dir.resolve("runs/tiny/result.json").toFile())
            .get("finalTestError")
            .asDouble();

    LauncherProcess export = deltaboost("export", "--run", "runs/tiny", "--out", "pixels.onnx");
    assertEquals(0, export.exit(), export.transcript());
    assertTrue(
        export.out().contains("input: uint8 pixels 0-255 as the dataset stores them"),
        export.transcript());
    assertTrue(export.out().contains(": passed"), export.transcript());
    LauncherProcess exportFloat =
        deltaboost("export", "--run", "runs/tiny", "--out", "floats.onnx", "--float-input");
    assertEquals(0, exportFloat.exit(), exportFloat.transcript());
    try (OnnxModel pixels = OnnxModel.load(dir.resolve("pixels.onnx"));
        OnnxModel floats = OnnxModel.load(dir.resolve("floats.onnx"))) {
      assertEquals(InputForm.PIXELS, pixels.inputForm());
      assertEquals(InputForm.NORMALIZED, floats.inputForm());
    }

    LauncherProcess inferPixels = infer("pixels.onnx");
    assertTrue(
        inferPixels.out().contains("input: uint8 pixels as the dataset stores them"),
        inferPixels.transcript());
    LauncherProcess inferFloats = infer("floats.onnx");
    assertTrue(
        inferFloats.out().contains("input: float32 images normalized as in training"),
        inferFloats.transcript());
    double fromPixels = testError(inferPixels);
    assertEquals(testError(inferFloats), fromPixels, 0.0, inferPixels.transcript());
    assertEquals(trained, fromPixels, 0.001 + 1e-9, inferPixels.transcript());
  }

  /** The fuzzer's model whose Conv stride of 0 killed ONNX Runtime with SIGFPE: one line now. */
  @Test
  void aModelThatWouldCrashOnnxRuntimeIsOneLineOnStderr() throws Exception {
    Path model = dir.resolve("stride-0.onnx");
    try (java.io.InputStream in =
        ExportInferLauncherIT.class.getResourceAsStream("conv-stride-0.onnx")) {
      java.nio.file.Files.copy(in, model);
    }
    LauncherProcess p =
        deltaboost("infer", "--model", "stride-0.onnx", "--dataset", "fashion-mnist-embedded");
    assertEquals(1, p.exit(), p.transcript());
    java.util.List<String> lines = p.err().strip().lines().toList();
    assertEquals(1, lines.size(), p.transcript());
    assertTrue(
        lines.get(0).contains("(Conv): strides [1, 0] holds 0; each must be at least 1"),
        p.transcript());
  }

  private LauncherProcess infer(String model) throws Exception {
    LauncherProcess p =
        deltaboost(
            "infer",
            "--model",
            model,
            "--dataset",
            "fashion-mnist-embedded",
            "--latency-runs",
            "5");
    assertEquals(0, p.exit(), p.transcript());
    return p;
  }

  private static double testError(LauncherProcess infer) {
    Matcher m = TEST_ERROR.matcher(infer.out());
    assertTrue(m.find(), infer.transcript());
    return Double.parseDouble(m.group(1)) / 100;
  }

  private LauncherProcess deltaboost(String... args) throws Exception {
    return LauncherProcess.run(launcher, dir, Map.of(), args);
  }
}
