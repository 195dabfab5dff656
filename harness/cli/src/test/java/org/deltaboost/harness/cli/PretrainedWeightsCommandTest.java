package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;
import org.deltaboost.harness.fixtures.OfficialLayouts;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --pretrained}: weights that cannot be trained from are refused before step 1. */
class PretrainedWeightsCommandTest {

  /** torchvision's {@code vgg16.features} indices of the 13 convolutions, stage by stage. */
  private static final int[] FEATURE_INDICES = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};

  private static final int[] STAGE_DEPTHS = {2, 2, 3, 3, 3};

  /** VGG-16's stage widths 64, 128, 256, 512, 512 divided by 64, rounded up to 16 channels. */
  private static final int[] STAGE_WIDTHS = {16, 16, 16, 16, 16};

  private final CliRunner cli = new CliRunner();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void nanWeightsAreRefusedBeforeTrainingNotReportedAsDivergence(@TempDir Path dir)
      throws Exception {
    OfficialLayouts.voc(dir.resolve("data"), 2, 1, 36, 40);
    Path weights = trunk(dir.resolve("vgg16-nan.safetensors"), "features.19.weight", 5);
    int status =
        cli.run(
            "train",
            "--dataset",
            "voc2012",
            "--data-dir",
            dir.resolve("data").toString(),
            "--model",
            "pixelnet",
            "--width-divisor",
            "64",
            "--pretrained",
            weights.toString(),
            "--set",
            "data.cropSize=32",
            "--set",
            "data.evaluationSize=40",
            "--epochs",
            "1",
            "--batch-size",
            "2",
            "--runs-dir",
            dir.resolve("runs").toString(),
            "--run-id",
            "p",
            "--progress",
            "never");
    String err = cli.err().strip();
    assertEquals(1, status, err);
    assertEquals(1, err.lines().count(), err);
    assertTrue(
        err.contains("vgg16-nan.safetensors")
            && err.contains("tensor 'features.19.weight'")
            && err.contains("5 of 2304 values NaN or infinite"),
        err);
    assertFalse(err.contains("diverged"), err);
    Path run = dir.resolve("runs/p");
    String result = Files.readString(run.resolve("result.json"));
    assertTrue(
        result.contains("\"status\" : \"failed\"") && result.contains("features.19.weight"),
        "the run folder says why it stopped, not that it diverged: " + result);
    assertTrue(
        !Files.exists(run.resolve("epochs.jsonl")) || Files.size(run.resolve("epochs.jsonl")) == 0,
        "no epoch ran");
  }

  /**
   * A safetensors file with every trunk convolution of a width-64-divided PixelNet (weights 0.01,
   * biases 0), {@code count} values of {@code poisoned} NaN.
   */
  private static Path trunk(Path file, String poisoned, int count) throws IOException {
    StringJoiner header = new StringJoiner(",", "{", "}");
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int in = 3;
    int conv = 0;
    for (int stage = 0; stage < STAGE_DEPTHS.length; stage++) {
      for (int k = 0; k < STAGE_DEPTHS[stage]; k++) {
        int out = STAGE_WIDTHS[stage];
        String prefix = "features." + FEATURE_INDICES[conv++];
        float[] w = new float[out * in * 9];
        Arrays.fill(w, 0.01f);
        if ((prefix + ".weight").equals(poisoned)) {
          Arrays.fill(w, 0, count, Float.NaN);
        }
        add(header, data, prefix + ".weight", new long[] {out, in, 3, 3}, w);
        add(header, data, prefix + ".bias", new long[] {out}, new float[out]);
        in = out;
      }
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
    bytes.writeBytes(json);
    bytes.writeBytes(data.toByteArray());
    return Files.write(file, bytes.toByteArray());
  }

  private static void add(
      StringJoiner header, ByteArrayOutputStream data, String name, long[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    long begin = data.size();
    data.writeBytes(b.array());
    header.add(
        "\""
            + name
            + "\":{\"dtype\":\"F32\",\"shape\":"
            + Arrays.toString(shape)
            + ",\"data_offsets\":["
            + begin
            + ","
            + data.size()
            + "]}");
  }
}
