package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.fixtures.OfficialLayouts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dataset, in its official layout, trains for one epoch through the shipped {@code
 * deltaboost} script itself (its module path and JVM options, a process of its own) on the jar and
 * {@code target/lib} this build packaged: what works in-process but not in the launcher (as the MAT
 * files did, issue 14) fails here. Each run must exit 0 with {@code result.json} saying {@code
 * completed} and no stack trace on either stream.
 *
 * <p>Runs in the {@code integration-test} phase ({@code mvn verify}), which sets {@code
 * deltaboost.launcher} to the script; without it (a {@code -Dtest} pick in the test phase, before
 * the jar exists) it skips. The ImageNet and VOC runs take one step (batch size = training images):
 * decoded-image training sometimes turns NaN after a step, from run to run of the same command
 * (reported in issue 14); this test is about the launcher, not that.
 */
class LauncherEndToEndIT {

  private static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void findLauncher() {
    launcher = LauncherProcess.launcher();
  }

  @Test
  void fashionMnistFromRawIdxFiles() throws Exception {
    OfficialLayouts.idx(dir.resolve("data"), "fashion-mnist", 200, 50, false);
    trainsAndCompletes(
        "fashion-mnist", dir.resolve("data"), "--model", "mlp", "--batch-size", "50");
  }

  @Test
  void mnistFromGzippedIdxFiles() throws Exception {
    OfficialLayouts.idx(dir.resolve("data"), "mnist", 200, 50, true);
    trainsAndCompletes("mnist", dir.resolve("data"), "--model", "mlp", "--batch-size", "50");
  }

  @Test
  void cifar10FromTheExtractedFolder() throws Exception {
    OfficialLayouts.cifar10Folder(dir.resolve("data"));
    trainsAndCompletes(
        "cifar-10",
        dir.resolve("data"),
        "--model",
        "mlp",
        "--train-limit",
        "256",
        "--batch-size",
        "128");
  }

  @Test
  void cifar100FromItsTarGz() throws Exception {
    Path archive = OfficialLayouts.cifar100Archive(dir.resolve("cifar-100-fixture.tar.gz"));
    trainsAndCompletes(
        "cifar-100", archive, "--model", "mlp", "--train-limit", "256", "--batch-size", "128");
  }

  @Test
  void imagenetWithClassFolderVal() throws Exception {
    OfficialLayouts.imagenet(dir.resolve("data"), 3, 4, 2, 40, 44);
    trainsAndCompletes("imagenet", dir.resolve("data"), imagenetOptions());
  }

  @Test
  void imagenetWithFlatValLabelledByTheDevkitsMetaMat() throws Exception {
    Path imagenet = OfficialLayouts.imagenetFlatVal(dir.resolve("data"), 3, 4, 2, 40, 44);
    // found at the fixture (and, with 3 of ImageNet's 1000 classes, not valid as the release)
    String report = launch("datasets", "--data-dir", dir.resolve("data").toString(), "imagenet");
    assertTrue(report.startsWith("imagenet: ") && report.contains(" at " + imagenet), report);
    trainsAndCompletes("imagenet", dir.resolve("data"), imagenetOptions());
  }

  @Test
  void voc2012() throws Exception {
    OfficialLayouts.voc(dir.resolve("data"), 4, 2, 36, 40);
    trainsAndCompletes("voc2012", dir.resolve("data"), vocOptions(4));
  }

  @Test
  void voc2012AugmentedWithSbdMatMasks() throws Exception {
    OfficialLayouts.voc(dir.resolve("data"), 4, 2, 36, 40);
    OfficialLayouts.sbd(dir.resolve("data"), 3, 1, 36, 40);
    // the augmented training set: SBD train and val (4) and VOC train (4), less VOC val
    trainsAndCompletes("voc2012-aug", dir.resolve("data"), vocOptions(8));
  }

  @Test
  void aHostileMetaMatIsOneLineOnStderr() throws Exception {
    Path imagenet = OfficialLayouts.imagenetFlatVal(dir.resolve("data"), 3, 4, 2, 40, 44);
    Path meta = imagenet.resolve("ILSVRC2012_devkit_t12").resolve("data").resolve("meta.mat");
    byte[] hostile = Files.readAllBytes(meta);
    // the first element now declares 4 GB (where the MAT File Library printed its own warning)
    java.nio.ByteBuffer.wrap(hostile).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(132, -256);
    Files.write(meta, hostile);
    LauncherProcess run =
        LauncherProcess.run(
            launcher,
            dir,
            Map.of(),
            "train",
            "--dataset",
            "imagenet",
            "--data-dir",
            dir.resolve("data").toString(),
            "--epochs",
            "1",
            "--runs-dir",
            dir.resolve("runs").toString(),
            "--progress",
            "never");
    assertNotEquals(0, run.exit(), run.transcript());
    List<String> lines = run.err().strip().lines().toList();
    assertEquals(1, lines.size(), run.transcript());
    assertTrue(
        lines.get(0).contains(meta + ": unreadable MAT file: ")
            && lines.get(0).contains("declares 4294967040 bytes"),
        run.transcript());
  }

  /** 3 classes of 4 training images: one step. */
  static String[] imagenetOptions() {
    return new String[] {
      "--model",
      "mlp",
      "--set",
      "data.resizeSize=36",
      "--set",
      "data.cropSize=32",
      "--batch-size",
      "12"
    };
  }

  private static String[] vocOptions(int trainImages) {
    return new String[] {
      "--model",
      "pixelnet",
      "--width-divisor",
      "64",
      "--set",
      "data.cropSize=32",
      "--set",
      "data.evaluationSize=40",
      "--set",
      "data.pixelsPerImage=16",
      "--batch-size",
      Integer.toString(trainImages),
      "--lr",
      "0.05"
    };
  }

  /** Trains one epoch of softmax-ce on the dataset and checks the run completed. */
  private void trainsAndCompletes(String dataset, Path dataDir, String... options)
      throws Exception {
    String out = launch(LauncherProcess.trainOneEpoch(dir, dataset, dataDir, "e2e", options));
    Path result = dir.resolve("runs").resolve("e2e").resolve("result.json");
    assertTrue(Files.isRegularFile(result), "no " + result + "; stdout:\n" + out);
    assertEquals(
        "completed", new ObjectMapper().readTree(result.toFile()).get("status").asText(), out);
  }

  /** Runs the script with DELTABOOST_NO_BUILD=1; returns stdout after checking exit 0, no trace. */
  private String launch(String... args) throws IOException, InterruptedException {
    return LauncherProcess.runClean(launcher, dir, args);
  }
}
