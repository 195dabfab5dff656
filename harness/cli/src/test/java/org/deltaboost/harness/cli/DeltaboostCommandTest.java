package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeltaboostCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private int run(String... args) {
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private void assertUsageError(String expected, String... args) {
    assertEquals(2, run(args), "exit status for " + List.of(args) + "\n" + err);
    assertTrue(err.toString().contains(expected), "expected '" + expected + "' in:\n" + err);
  }

  @Test
  void badArgumentsAreUsageErrorsWithClearMessages() {
    assertUsageError("Unknown option: '--bogus'", "train", "--bogus");
    assertUsageError("epochs must be >= 1, got 0", "train", "--epochs", "0");
    assertUsageError("Invalid value for option '--lr'", "train", "--lr", "fast");
    assertUsageError("learningRate must be a finite number > 0, got -0.1", "train", "--lr", "-0.1");
    assertUsageError("--targets must be NEG,POS", "train", "--targets", "10");
    assertUsageError("softmax-ce", "train", "--strategy", "softmaxx");
    assertUsageError("unknown dataset 'cifar-11'", "train", "--dataset", "cifar-11");
    assertUsageError("a subcommand is required");
  }

  @Test
  void invalidStrategyParametersAreUsageErrors() {
    assertUsageError("10", "train", "--strategy", "exp-gb", "--targets", "10,0");
    assertUsageError("alpha", "train", "--strategy", "pow3-gb", "--alpha", "0");
  }

  @Test
  void trainWritesARunRecordWithOneLinePerEpoch(@TempDir Path runs) throws Exception {
    int status =
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--train-limit",
            "1000",
            "--epochs",
            "2",
            "--strategy",
            "pow3-gb",
            "--runs-dir",
            runs.toString(),
            "--run-id",
            "r1",
            "--progress",
            "never");
    assertEquals(0, status, err.toString());
    assertEquals(
        2, out.toString().lines().filter(l -> l.contains("test error")).count(), out.toString());
    Path dir = runs.resolve("r1");
    List<String> epochs = Files.readAllLines(dir.resolve("epochs.jsonl"));
    assertEquals(2, epochs.size());
    JsonNode first = json.readTree(epochs.get(0));
    assertEquals(1, first.get("epoch").asInt());
    // a fraction; pow3-gb starts slowly (z³ ≈ 0), so 8 steps teach it nothing: learning is
    // checked per strategy in TrainingRunTest, over more steps
    assertTrue(first.get("testError").asDouble() >= 0 && first.get("testError").asDouble() <= 1);
    JsonNode config = json.readTree(dir.resolve("config.json").toFile());
    assertEquals("pow3-gb", config.at("/config/strategy/id").asText());
    assertEquals(-1.0, config.at("/strategy/negativeTarget").asDouble());
    assertEquals("PyTorch 2.7.1", config.at("/provenance/engine").asText());
    JsonNode result = json.readTree(dir.resolve("result.json").toFile());
    assertEquals("completed", result.get("status").asText());
    assertEquals(
        json.readTree(epochs.get(1)).get("testError").asDouble(),
        result.get("finalTestError").asDouble());
  }

  @Test
  void divergenceExitsWithStatus3AndRecordsIt(@TempDir Path runs) throws Exception {
    int status =
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--train-limit",
            "500",
            "--epochs",
            "2",
            "--strategy",
            "exp-gb",
            "--lr",
            "50",
            "--runs-dir",
            runs.toString(),
            "--run-id",
            "d",
            "--progress",
            "never");
    assertEquals(DeltaboostCommand.EXIT_DIVERGED, status, err.toString());
    assertTrue(
        err.toString().contains("training diverged: strategy exp-gb, epoch 1"), err.toString());
    JsonNode result = json.readTree(runs.resolve("d/result.json").toFile());
    assertEquals("diverged", result.get("status").asText());
  }

  @Test
  void corruptDatasetFileIsNamedInTheError(@TempDir Path dataDir) throws Exception {
    Path dir = Files.createDirectories(dataDir.resolve("fashion-mnist"));
    // Valid IDX headers claiming 2 images of 28x28, but the image file stops after 10 pixels.
    java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + 10);
    images.putInt(0x00000803).putInt(2).putInt(28).putInt(28);
    java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + 2);
    labels.putInt(0x00000801).putInt(2).put((byte) 1).put((byte) 2);
    for (String split : List.of("train", "t10k")) {
      Files.write(dir.resolve(split + "-images-idx3-ubyte"), images.array());
      Files.write(dir.resolve(split + "-labels-idx1-ubyte"), labels.array());
    }
    int status =
        run(
            "train",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            dataDir.toString(),
            "--epochs",
            "1",
            "--runs-dir",
            dataDir.resolve("runs").toString(),
            "--progress",
            "never");
    assertEquals(1, status, err.toString());
    assertTrue(err.toString().contains("train-images-idx3-ubyte"), err.toString());
    assertTrue(
        err.toString().toLowerCase(java.util.Locale.ROOT).contains("truncated"), err.toString());
  }

  @Test
  void convolutionalNetTrainsOnFashionMnist(@TempDir Path runs) {
    int status =
        run(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--model",
            "cnn5",
            "--strategy",
            "exp-gb",
            "--train-limit",
            "512",
            "--epochs",
            "1",
            "--lr",
            "0.01",
            "--runs-dir",
            runs.toString(),
            "--progress",
            "never");
    assertEquals(0, status, err.toString());
    assertTrue(out.toString().contains("epoch   1/1"), out.toString());
  }

  @Test
  void cifar10TrainsFromAFolderLaidOutLikeTheOfficialRelease(@TempDir Path dir) throws Exception {
    // cifar-10-batches-bin/: five 10,000-record training files, one test file, batches.meta.txt;
    // each record is 1 label byte + 3072 pixel bytes (R, G, B planes of 32x32).
    Path data = Files.createDirectories(dir.resolve("cifar-10").resolve("cifar-10-batches-bin"));
    byte[] file = new byte[10_000 * 3073];
    java.util.Random random = new java.util.Random(1);
    random.nextBytes(file);
    for (int r = 0; r < 10_000; r++) {
      file[r * 3073] = (byte) (r % 10);
    }
    for (String name :
        List.of(
            "data_batch_1.bin",
            "data_batch_2.bin",
            "data_batch_3.bin",
            "data_batch_4.bin",
            "data_batch_5.bin",
            "test_batch.bin")) {
      Files.write(data.resolve(name), file);
    }
    Files.writeString(
        data.resolve("batches.meta.txt"),
        "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
    int status =
        run(
            "train",
            "--dataset",
            "cifar-10",
            "--data-dir",
            dir.toString(),
            "--model",
            "cnn5",
            "--strategy",
            "softmax-ce",
            "--train-limit",
            "256",
            "--epochs",
            "1",
            "--runs-dir",
            dir.resolve("runs").toString(),
            "--progress",
            "never");
    assertEquals(0, status, err.toString());
    assertTrue(out.toString().contains("50000 train / 10000 evaluated"), out.toString());
  }

  @Test
  void demoPrintsASideBySideTable(@TempDir Path runs) {
    int status =
        run(
            "demo",
            "--embedded",
            "--epochs",
            "1",
            "--runs-dir",
            runs.toString(),
            "--progress",
            "never");
    assertEquals(0, status, err.toString());
    String text = out.toString();
    assertTrue(text.contains("test error (%) per epoch"), text);
    assertTrue(text.contains("softmax-ce (lr 0.2)") && text.contains("exp-gb (lr 0.02)"), text);
    assertTrue(text.contains("epoch of minimum"), text);
  }
}
