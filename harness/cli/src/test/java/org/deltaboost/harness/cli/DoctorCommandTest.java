package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.harness.fixtures.OfficialLayouts;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} in-process; the launcher's side (folders, a broken library) is ExternalLibtorchIT.
 */
class DoctorCommandTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void printsTheEngineTheDevicesAndEveryDataset(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    OfficialLayouts.idx(dir, "mnist", 20, 10, false);
    CliRunner.Result doctor = CliRunner.once("doctor", "--data-dir", dir.toString());
    assertEquals(0, doctor.status(), doctor.err());
    assertEquals("", doctor.err());
    List<String> lines = doctor.out().lines().toList();
    List<String> heads =
        List.of(
            "java:        ",
            "jvm options: ",
            "cpu cores:   " + Runtime.getRuntime().availableProcessors(),
            "mkl shim:    ",
            "malloc:      ",
            "jpeg decode: ",
            "engine:      PyTorch 2.7.1, flavor cpu",
            "libtorch:    ",
            "source:      pytorch-native jar on the class path",
            "gpus:        0",
            "device auto: cpu()",
            "datasets:");
    for (int i = 0; i < heads.size(); i++) {
      assertTrue(lines.get(i).startsWith(heads.get(i)), i + ": " + lines.get(i));
    }
    // found at --data-dir (a fixture of 20 images: there, but not the release)
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.startsWith("  mnist: ") && l.endsWith(" at " + dir.resolve("mnist"))),
        doctor.out());
    // one line per dataset, as datasets lists them
    assertEquals(heads.size() + 7, lines.size(), doctor.out());
  }
}
