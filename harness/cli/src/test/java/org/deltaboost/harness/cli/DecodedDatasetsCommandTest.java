package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltaboost.data.voc.VocClasses;
import org.deltaboost.harness.fixtures.OfficialLayouts;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageNet and VOC, laid out exactly as their official releases, train through {@code deltaboost
 * train} (AlexNet-BN and PixelNet at reduced width), export to ONNX with parity, and {@code infer}
 * reproduces the training-time numbers in ONNX Runtime.
 */
class DecodedDatasetsCommandTest {

  private final ObjectMapper json = new ObjectMapper();
  private final CliRunner cli = new CliRunner();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private int run(String... args) {
    return cli.run(args);
  }

  private List<JsonNode> epochs(Path run) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("epochs.jsonl"))) {
      lines.add(json.readTree(line));
    }
    return lines;
  }

  private static double lastPercent(String text, String label) {
    Matcher m = Pattern.compile(label + " ([0-9.]+)%").matcher(text);
    double value = Double.NaN;
    while (m.find()) {
      value = Double.parseDouble(m.group(1)) / 100;
    }
    return value;
  }

  @Test
  void alexNetTrainsOnImageNetFoldersThenExportsAndInfers(@TempDir Path dir) throws Exception {
    OfficialLayouts.imagenet(dir.resolve("data"), 3, 8, 3, 100, 120);
    assertEquals(
        0,
        run(
            "train",
            "--dataset",
            "imagenet",
            "--data-dir",
            dir.resolve("data").toString(),
            "--model",
            "alexnet-bn",
            "--width-divisor",
            "16",
            "--strategy",
            "softmax-ce",
            "--set",
            "data.resizeSize=100",
            "--set",
            "data.cropSize=96",
            "--set",
            "data.workers=2",
            "--epochs",
            "2",
            "--batch-size",
            "8",
            "--lr",
            "0.05",
            "--runs-dir",
            dir.toString(),
            "--run-id",
            "a",
            "--progress",
            "never"),
        cli.err());
    Path run = dir.resolve("a");
    List<JsonNode> epochs = epochs(run);
    assertEquals(2, epochs.size());
    for (JsonNode epoch : epochs) {
      // 3 classes: the label is always among the 5 highest scores
      assertEquals(0.0, epoch.get("top5Error").asDouble());
      assertFalse(epoch.has("meanIou"));
    }
    JsonNode header = json.readTree(run.resolve("config.json").toFile());
    assertEquals(24, header.get("trainSamples").asInt());
    assertEquals(9, header.get("testSamples").asInt());
    assertEquals("n01440764", header.get("classNames").get(0).asText());
    double trained =
        json.readTree(run.resolve("result.json").toFile()).get("finalTestError").asDouble();

    Path model = dir.resolve("a.onnx");
    assertEquals(0, run("export", "--run", run.toString(), "--out", model.toString()), cli.err());
    assertTrue(cli.out().contains(": passed"), cli.out());
    ExportInferCommandTest.checkWithOnnxChecker(model);
    assertEquals(
        0,
        run(
            "infer",
            "--model",
            model.toString(),
            "--dataset",
            "imagenet",
            "--data-dir",
            dir.resolve("data").toString(),
            "--set",
            "data.resizeSize=100",
            "--set",
            "data.cropSize=96",
            "--latency-runs",
            "5"),
        cli.err());
    assertEquals(trained, lastPercent(cli.out(), "test error"), 0.00005 + 1e-9, cli.out());
  }

  @Test
  void pixelNetTrainsOnVocThenExportsDenseAndInfers(@TempDir Path dir) throws Exception {
    OfficialLayouts.voc(dir.resolve("data"), 6, 3, 40, 48);
    assertEquals(
        0,
        run(
            "train",
            "--dataset",
            "voc2012",
            "--data-dir",
            dir.resolve("data").toString(),
            "--model",
            "pixelnet",
            "--width-divisor",
            "32",
            "--strategy",
            "exp-gb",
            "--set",
            "data.cropSize=32",
            "--set",
            "data.evaluationSize=48",
            "--set",
            "data.pixelsPerImage=64",
            "--set",
            "data.workers=2",
            "--epochs",
            "2",
            "--batch-size",
            "3",
            "--lr",
            "0.01",
            "--runs-dir",
            dir.toString(),
            "--run-id",
            "p",
            "--progress",
            "never"),
        cli.err());
    Path run = dir.resolve("p");
    for (JsonNode epoch : epochs(run)) {
      assertTrue(
          epoch.get("meanIou").asDouble() >= 0 && epoch.get("meanIou").asDouble() <= 1,
          epoch.toString());
      assertEquals(VocClasses.COUNT, epoch.get("classIou").size());
      // classes 4..20 appear in neither truth nor (almost surely) prediction of a 2-epoch run
      assertTrue(epoch.get("testError").asDouble() >= 0 && epoch.get("testError").asDouble() <= 1);
      assertFalse(epoch.has("top5Error"));
    }
    JsonNode header = json.readTree(run.resolve("config.json").toFile());
    assertEquals(VocClasses.NAMES.get(1), header.get("classNames").get(1).asText());
    double trained =
        json.readTree(run.resolve("result.json").toFile()).get("finalTestError").asDouble();

    Path model = dir.resolve("p.onnx");
    assertEquals(0, run("export", "--run", run.toString(), "--out", model.toString()), cli.err());
    assertTrue(cli.out().contains(": passed"), cli.out());
    ExportInferCommandTest.checkWithOnnxChecker(model);
    assertEquals(
        0,
        run(
            "infer",
            "--model",
            model.toString(),
            "--dataset",
            "voc2012",
            "--data-dir",
            dir.resolve("data").toString(),
            "--set",
            "data.evaluationSize=48",
            "--latency-runs",
            "5"),
        cli.err());
    assertEquals(trained, lastPercent(cli.out(), "pixel error"), 0.0001 + 1e-9, cli.out());
  }

  @Test
  void aResumedVocRunRepeatsAnUninterruptedOne(@TempDir Path dir) throws Exception {
    OfficialLayouts.voc(dir.resolve("data"), 4, 2, 36, 40);
    List<String> common =
        List.of(
            "train",
            "--dataset",
            "voc2012",
            "--data-dir",
            dir.resolve("data").toString(),
            "--model",
            "pixelnet",
            "--width-divisor",
            "64",
            "--strategy",
            "softmax-ce",
            "--set",
            "data.cropSize=32",
            "--set",
            "data.evaluationSize=40",
            "--set",
            "data.pixelsPerImage=16",
            "--batch-size",
            "2",
            "--lr",
            "0.05",
            "--runs-dir",
            dir.toString(),
            "--progress",
            "never");
    List<String> straight = new ArrayList<>(common);
    straight.addAll(List.of("--epochs", "2", "--run-id", "straight"));
    assertEquals(0, run(straight.toArray(String[]::new)), cli.err());
    List<String> first = new ArrayList<>(common);
    first.addAll(List.of("--epochs", "1", "--run-id", "resumed"));
    assertEquals(0, run(first.toArray(String[]::new)), cli.err());
    assertEquals(
        0,
        run(
            "train",
            "--runs-dir",
            dir.toString(),
            "--run-id",
            "resumed",
            "--resume",
            "--epochs",
            "2",
            "--progress",
            "never"),
        cli.err());
    List<JsonNode> a = epochs(dir.resolve("straight"));
    List<JsonNode> b = epochs(dir.resolve("resumed"));
    assertEquals(2, b.size());
    for (int i = 0; i < 2; i++) {
      assertEquals(a.get(i).get("trainLoss").asDouble(), b.get(i).get("trainLoss").asDouble(), 0.0);
      assertEquals(a.get(i).get("testError").asDouble(), b.get(i).get("testError").asDouble(), 0.0);
      assertEquals(a.get(i).get("classIou"), b.get(i).get("classIou"));
    }
  }

  @Test
  void thePapersImageNetAndVocExperimentsRunByName(@TempDir Path dir) throws Exception {
    OfficialLayouts.imagenet(dir.resolve("data"), 3, 4, 2, 100, 110);
    OfficialLayouts.voc(dir.resolve("data"), 4, 2, 36, 40);
    OfficialLayouts.sbd(dir.resolve("data"), 3, 2, 36, 40);
    assertEquals(
        0,
        run(
            "compare",
            "--experiment",
            "table2-imagenet-alexnet-bn",
            "--trials",
            "1",
            "--epochs",
            "1",
            "--data-dir",
            dir.resolve("data").toString(),
            "--runs-dir",
            dir.toString(),
            "--set",
            "widthDivisor=32",
            "--set",
            "data.resizeSize=100",
            "--set",
            "data.cropSize=96",
            "--set",
            "batchSize=6",
            "--set",
            "probes.gradientRms=false",
            "--progress",
            "never"),
        cli.err());
    JsonNode top5 =
        epochs(dir.resolve("table2-imagenet-alexnet-bn").resolve("exp-gb-s1"))
            .get(0)
            .get("top5Error");
    assertEquals(0.0, top5.asDouble(), top5 + "");
    assertEquals(
        0,
        run(
            "compare",
            "--experiment",
            "table3-voc-pixelnet",
            "--epochs",
            "1",
            "--data-dir",
            dir.resolve("data").toString(),
            "--runs-dir",
            dir.toString(),
            "--set",
            "widthDivisor=64",
            "--set",
            "data.cropSize=32",
            "--set",
            "data.evaluationSize=40",
            "--set",
            "data.pixelsPerImage=16",
            "--set",
            "batchSize=2",
            "--progress",
            "never"),
        cli.err());
    for (String strategy : List.of("softmax-ce", "exp-gb", "pow3-gb")) {
      JsonNode epoch = epochs(dir.resolve("table3-voc-pixelnet").resolve(strategy + "-s1")).get(0);
      assertEquals(VocClasses.COUNT, epoch.get("classIou").size(), strategy);
    }
    assertTrue(Files.isRegularFile(dir.resolve("table3-voc-pixelnet").resolve("summary.json")));
    // VOC train (4) ∪ SBD train+val (5), none in VOC val
    JsonNode header =
        json.readTree(dir.resolve("table3-voc-pixelnet/exp-gb-s1/config.json").toFile());
    assertEquals(9, header.get("trainSamples").asInt());
  }

  @Test
  void aPixelClassifierOnImageLabelsIsRefused(@TempDir Path dir) {
    assertEquals(
        2,
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--model",
            "pixelnet",
            "--epochs",
            "1",
            "--runs-dir",
            dir.toString(),
            "--progress",
            "never"));
    assertTrue(cli.err().contains("classifies pixels") && cli.err().contains("voc2012"), cli.err());
  }

  @Test
  void anImageClassifierOnMasksIsRefused(@TempDir Path dir) throws Exception {
    OfficialLayouts.voc(dir.resolve("data"), 2, 1, 36, 40);
    assertEquals(
        2,
        run(
            "train",
            "--dataset",
            "voc2012",
            "--data-dir",
            dir.resolve("data").toString(),
            "--model",
            "mlp",
            "--epochs",
            "1",
            "--runs-dir",
            dir.toString(),
            "--progress",
            "never"));
    assertTrue(cli.err().contains("use pixelnet"), cli.err());
  }

  @Test
  void pretrainedWeightsAreOnlyForPixelNet(@TempDir Path dir) {
    assertEquals(
        2,
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--model",
            "mlp",
            "--pretrained",
            dir.resolve("vgg16.safetensors").toString(),
            "--epochs",
            "1",
            "--runs-dir",
            dir.toString(),
            "--progress",
            "never"));
    assertTrue(cli.err().contains("only pixelnet loads weights"), cli.err());
  }

  @Test
  void aGpuThatIsNotThereIsABadArgument(@TempDir Path dir) {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    assertEquals(
        2,
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--device",
            "gpu",
            "--epochs",
            "1",
            "--runs-dir",
            dir.toString(),
            "--progress",
            "never"));
    assertTrue(cli.err().contains("sees no GPU"), cli.err());
  }

  @Test
  void anUnknownDeviceIsABadArgument(@TempDir Path dir) {
    assertEquals(
        2,
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--device",
            "tpu",
            "--epochs",
            "1",
            "--runs-dir",
            dir.toString(),
            "--progress",
            "never"));
    assertTrue(cli.err().contains("device must be one of"), cli.err());
  }
}
