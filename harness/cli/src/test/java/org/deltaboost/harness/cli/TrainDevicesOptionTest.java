package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --devices}: GPUs by id, refused on a CPU-only machine and next to another device.
 */
class TrainDevicesOptionTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void devicesPicksGpusAndGoesWithNoOtherDevice(@TempDir Path dir) {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    String[] train = {
      "train", "--dataset", "fashion-mnist-embedded", "--epochs", "1", "--runs-dir", dir.toString()
    };
    CliRunner.Result noGpu = CliRunner.once(concat(train, "--devices", "0,1"));
    assertEquals(2, noGpu.status(), noGpu.err());
    assertTrue(
        noGpu.err().contains("device gpu:0,1: the engine (PyTorch 2.7.1) sees no GPU"),
        noGpu.err());
    CliRunner.Result both = CliRunner.once(concat(train, "--devices", "0", "--device", "cpu"));
    assertEquals(2, both.status(), both.err());
    assertTrue(
        both.err().contains("--devices picks GPUs; it cannot go with --device cpu"), both.err());
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
