package org.deltaboost.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineFactsTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void theCpuJarOnTheTestClassPath() {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    Assumptions.assumeTrue(
        System.getenv("PYTORCH_LIBRARY_PATH") == null, "PYTORCH_LIBRARY_PATH is set");
    EngineFacts facts = EngineFacts.probe();
    assertEquals("PyTorch", facts.engineName());
    assertEquals("2.7.1", facts.engineVersion());
    assertEquals("cpu", facts.flavor());
    assertEquals(NativeLibrarySource.JAR, facts.source());
    assertTrue(Files.isRegularFile(facts.libraryFolder().resolve("libtorch.so")), facts.toString());
    assertEquals(List.of(), facts.gpus());
    assertEquals(List.of(Device.cpu()), facts.autoDevices());
  }

  @Test
  void flavorFromDjlsCacheFolderNamesOrTheLibraries(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(System.getenv("PYTORCH_FLAVOR") == null, "PYTORCH_FLAVOR is set");
    assertEquals("cpu", EngineFacts.flavorOf(Path.of("/c/2.7.1-20250812-cpu-linux-x86_64")));
    assertEquals("cu128", EngineFacts.flavorOf(Path.of("/c/2.7.1-cu128-linux-x86_64")));
    assertEquals("cu124", EngineFacts.flavorOf(Path.of("/c/2.5.1-cu124-precxx11-linux-x86_64")));
    assertEquals("cpu", EngineFacts.flavorOf(dir));
    Files.writeString(dir.resolve("libtorch_cuda.so"), "");
    assertEquals("cuda", EngineFacts.flavorOf(dir));
  }

  @Test
  void aGpuDescribesItself() {
    assertEquals(
        "gpu(1): NVIDIA H100 80GB HBM3, compute 9.0, 79.0 GiB (78.5 GiB free)",
        new GpuFacts(1, "NVIDIA H100 80GB HBM3", "90", 79L << 30, (157L << 30) / 2).describe());
    assertEquals(
        "gpu(0): name unknown (no nvidia-smi), compute 8.6, 24.0 GiB (1.0 GiB free)",
        new GpuFacts(0, null, "86", 24L << 30, 1L << 30).describe());
  }
}
