package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deltaboost.architectures.Mlp;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.runs.RunRecorder;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.onnx.ExportMetadata;
import org.deltaboost.onnx.InputForm;
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
  void exportedModelReproducesTheTrainingTimeTestErrorInOnnxRuntime(
      String network, @TempDir Path dir) throws Exception {
    assertEquals(
        0,
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--model",
            network,
            "--train-limit",
            "512",
            "--epochs",
            "1",
            "--lr",
            "0.01",
            "--runs-dir",
            dir.toString(),
            "--run-id",
            "r",
            "--progress",
            "never"),
        cli.err());
    double trained =
        new ObjectMapper()
            .readTree(dir.resolve("r/result.json").toFile())
            .get("finalTestError")
            .asDouble();

    Path model = dir.resolve("r.onnx");
    assertEquals(
        0,
        run(
            "export",
            "--run",
            dir.resolve("r").toString(),
            "--out",
            model.toString(),
            "--probabilities"),
        cli.err());
    assertTrue(cli.out().contains(": passed"), cli.out());
    assertTrue(cli.out().contains("expected calibration error"), cli.out());

    assertEquals(
        0,
        run(
            "infer",
            "--model",
            model.toString(),
            "--dataset",
            "fashion-mnist-embedded",
            "--latency-runs",
            "20"),
        cli.err());
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
                "/usr/bin/python3",
                "-c",
                "import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)",
                model.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes());
    assertEquals(0, check.waitFor(), output);
  }

  /** An untrained MLP for 3×32×32 inputs, exported with CIFAR-10's metadata. */
  private static Path cifarShapedModel(Path dir) throws Exception {
    Engine.getInstance().setRandomSeed(1);
    Block block = Mlp.builder().setInputSize(3 * 32 * 32).build().block();
    Path model = dir.resolve("cifar-shaped.onnx");
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      OnnxExporter.builder(block, new Shape(3, 32, 32))
          .metadata(
              new ExportMetadata(
                  "linear",
                  1,
                  0,
                  0,
                  1,
                  "cifar-10",
                  List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                  InputNormalization.unitInterval(),
                  "test"))
          .build()
          .writeTo(model);
    }
    return model;
  }

  /** An untrained MLP for 1×28×28 images in {@code form}, its metadata naming {@code dataset}. */
  private static Path fashionShapedModel(Path model, String dataset, InputForm form)
      throws Exception {
    Engine.getInstance().setRandomSeed(1);
    Block block = Mlp.builder().setInputSize(28 * 28).build().block();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      OnnxExporter.builder(block, new Shape(1, 28, 28))
          .metadata(
              new ExportMetadata(
                  "linear",
                  1,
                  0,
                  0,
                  1,
                  dataset,
                  List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                  InputNormalization.unitInterval(),
                  "test"))
          .input(form)
          .build()
          .writeTo(model);
    }
    return model;
  }

  @Test
  void inferOnGpuSaysWhatIsMissingInOneLine(@TempDir Path dir) throws Exception {
    Path model = cifarShapedModel(dir);
    // this build's ONNX Runtime is the CPU one (without -Pgpu)
    assertEquals(
        1, run("infer", "--model", model.toString(), "--dataset", "cifar-10", "--device", "gpu"));
    assertTrue(cli.err().contains("no CUDA execution provider"), cli.err());
    assertTrue(cli.err().contains("-Pgpu"), cli.err());
    assertEquals(1, cli.err().lines().count(), cli.err());
    assertEquals(2, run("infer", "--model", model.toString(), "--dataset", "x", "--device", "tpu"));
    assertTrue(cli.err().contains("--device must be cpu, gpu or gpu:ID, got 'tpu'"), cli.err());
  }

  @Test
  void inferRejectsAModelForOtherImages(@TempDir Path dir) throws Exception {
    Path model = cifarShapedModel(dir);
    assertEquals(
        1,
        run(
            "infer",
            "--model",
            model.toString(),
            "--dataset",
            "fashion-mnist-embedded",
            "--allow-other-dataset"));
    assertTrue(
        cli.err().contains("input shape")
            && cli.err().contains("[3, 32, 32]")
            && cli.err().contains("[1, 28, 28]"),
        cli.err());
  }

  @Test
  void inferRefusesADatasetOtherThanTheModelsUnlessAllowed(@TempDir Path dir) throws Exception {
    Path model =
        fashionShapedModel(dir.resolve("fashion.onnx"), "fashion-mnist", InputForm.NORMALIZED);
    // same image shape and normalization: only the metadata tells the datasets apart
    CliRunner.Result refused =
        CliRunner.once("infer", "--model", model.toString(), "--dataset", "mnist");
    assertEquals(1, refused.status(), refused.err());
    assertEquals(1, refused.err().strip().lines().count(), refused.err());
    assertTrue(
        refused.err().contains("trained on dataset fashion-mnist, asked to run on mnist")
            && refused.err().contains("--allow-other-dataset"),
        refused.err());

    CliRunner.Result allowed =
        CliRunner.once(
            "infer",
            "--model",
            model.toString(),
            "--dataset",
            "fashion-mnist-embedded",
            "--allow-other-dataset",
            "--latency-runs",
            "2");
    assertEquals(0, allowed.status(), allowed.err());
    assertTrue(
        allowed
                .out()
                .contains("trained on fashion-mnist; running it on fashion-mnist-embedded as asked")
            && allowed.out().contains("test error"),
        allowed.out());
  }

  /**
   * A file whose metadata names the float form while its graph takes uint8 pixels is refused in one
   * line naming both, before any data is read.
   */
  @Test
  void inferRefusesAFileWhoseInputContradictsItsMetadata(@TempDir Path dir) throws Exception {
    Path model =
        fashionShapedModel(dir.resolve("pixels.onnx"), "fashion-mnist-embedded", InputForm.PIXELS);
    OnnxMl.ModelProto.Builder proto =
        OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model)).toBuilder();
    for (OnnxMl.StringStringEntryProto.Builder e : proto.getMetadataPropsBuilderList()) {
      if (e.getKey().equals(InputForm.KEY)) {
        e.setValue(InputForm.NORMALIZED.id());
      }
    }
    Files.write(model, proto.build().toByteArray());
    CliRunner.Result refused =
        CliRunner.once("infer", "--model", model.toString(), "--dataset", "fashion-mnist-embedded");
    assertEquals(1, refused.status(), refused.err());
    assertEquals(1, refused.err().strip().lines().count(), refused.err());
    assertTrue(
        refused.err().contains("the metadata deltaboost.input says 'float32-normalized'")
            && refused.err().contains("the graph input is uint8-pixels"),
        refused.err());
  }

  @Test
  void anExportThatFailsParityLeavesTheExistingFileByteIdentical(@TempDir Path dir)
      throws Exception {
    assertEquals(
        0,
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--model",
            "mlp",
            "--train-limit",
            "256",
            "--epochs",
            "1",
            "--lr",
            "0.01",
            "--runs-dir",
            dir.toString(),
            "--run-id",
            "r",
            "--progress",
            "never"),
        cli.err());
    // NaN parameters give NaN logits on both sides: parity fails (max |Δlogit| NaN)
    Path parameters = dir.resolve("r").resolve(RunRecorder.MODEL_PARAMETERS);
    Block block = ModelCatalog.create("mlp", 1, 28, 28, 10);
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      try (DataInputStream in = new DataInputStream(Files.newInputStream(parameters))) {
        block.loadParameters(manager, in);
      }
      block.getParameters().valueAt(0).getArray().muli(Float.NaN);
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(parameters))) {
        block.saveParameters(out);
      }
    }
    Path model = Files.write(dir.resolve("r.onnx"), "the model exported yesterday".getBytes());

    CliRunner.Result failed =
        CliRunner.once("export", "--run", dir.resolve("r").toString(), "--out", model.toString());
    assertEquals(1, failed.status(), failed.err());
    assertEquals(1, failed.err().strip().lines().count(), failed.err());
    assertTrue(
        failed.err().contains("parity with DJL failed")
            && failed.err().contains(model + " left as it was"),
        failed.err());
    assertFalse(failed.out().contains("wrote"), failed.out());
    assertArrayEquals("the model exported yesterday".getBytes(), Files.readAllBytes(model));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of("r", "r.onnx"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary file stays behind");
    }
  }

  @Test
  void exportNeedsAFinishedRunFolder(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    assertEquals(
        2,
        run(
            "export",
            "--run",
            dir.resolve("empty").toString(),
            "--out",
            dir.resolve("x.onnx").toString()));
    assertTrue(cli.err().contains("is not a finished run folder"), cli.err());
  }

  @Test
  void inferRejectsAnUnknownSplit(@TempDir Path dir) {
    assertEquals(
        2,
        run(
            "infer",
            "--model",
            dir.resolve("m.onnx").toString(),
            "--dataset",
            "fashion-mnist-embedded",
            "--split",
            "val"));
    assertTrue(cli.err().contains("--split must be test or train"), cli.err());
  }
}
