package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltaboost.architectures.Mlp;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.onnx.ExportMetadata;
import org.deltaboost.onnx.InputNormalization;
import org.deltaboost.onnx.OnnxExporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportInferCommandTest {

  private final CliRunner cli = new CliRunner();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private int run(String... args) {
    return cli.run(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn5", "allconv10"})
  void exportedModelReproducesTheTrainingTimeTestErrorInOnnxRuntime(String network, @TempDir Path dir)
      throws Exception {
    assertEquals(
        0,
        run("train", "--dataset", "fashion-mnist-embedded", "--model", network, "--train-limit", "512",
            "--epochs", "1", "--lr", "0.01", "--runs-dir", dir.toString(), "--run-id", "r",
            "--progress", "never"),
        cli.err());
    double trained =
        new ObjectMapper().readTree(dir.resolve("r/result.json").toFile()).get("finalTestError").asDouble();

    Path model = dir.resolve("r.onnx");
    assertEquals(0, run("export", "--run", dir.resolve("r").toString(), "--out", model.toString(), "--probabilities"), cli.err());
    assertTrue(cli.out().contains(": passed"), cli.out());
    assertTrue(cli.out().contains("expected calibration error"), cli.out());

    assertEquals(0, run("infer", "--model", model.toString(), "--dataset", "fashion-mnist-embedded", "--latency-runs", "20"), cli.err());
    Matcher m = Pattern.compile("test error ([0-9.]+)%").matcher(cli.out());
    double inferred = Double.NaN;
    while (m.find()) {
      inferred = Double.parseDouble(m.group(1)) / 100;
    }
    // argmax may differ on at most 0.1% of samples (parity limit); 2000 test samples here
    assertEquals(trained, inferred, 0.001 + 1e-9, cli.out());
    assertTrue(cli.out().contains("latency at batch 1: p50"), cli.out());
    checkWithOnnxChecker(model);
  }

  /** Debian's python3-onnx full checker, when installed (.ci/run installs it). */
  static void checkWithOnnxChecker(Path model) throws Exception {
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import onnx").start();
    if (probe.waitFor() != 0) {
      return;
    }
    Process check =
        new ProcessBuilder(
                "/usr/bin/python3", "-c",
                "import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)",
                model.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes());
    assertEquals(0, check.waitFor(), output);
  }

  @Test
  void inferRejectsAModelForOtherImages(@TempDir Path dir) throws Exception {
    Engine.getInstance().setRandomSeed(1);
    Block block = Mlp.builder().setInputSize(3 * 32 * 32).build().block();
    Path model = dir.resolve("cifar-shaped.onnx");
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      OnnxExporter.builder(block, new Shape(3, 32, 32))
          .metadata(new ExportMetadata("linear", 1, 0, 0, 1, "cifar-10",
              List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
              InputNormalization.unitInterval(), "test"))
          .build()
          .writeTo(model);
    }
    assertEquals(1, run("infer", "--model", model.toString(), "--dataset", "fashion-mnist-embedded"));
    assertTrue(cli.err().contains("input shape") && cli.err().contains("[3, 32, 32]")
        && cli.err().contains("[1, 28, 28]"), cli.err());
  }

  @Test
  void exportNeedsAFinishedRunFolder(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    assertEquals(2, run("export", "--run", dir.resolve("empty").toString(), "--out", dir.resolve("x.onnx").toString()));
    assertTrue(cli.err().contains("is not a finished run folder"), cli.err());
  }

  @Test
  void inferRejectsAnUnknownSplit(@TempDir Path dir) {
    assertEquals(2, run("infer", "--model", dir.resolve("m.onnx").toString(), "--dataset", "fashion-mnist-embedded", "--split", "val"));
    assertTrue(cli.err().contains("--split must be test or train"), cli.err());
  }
}
