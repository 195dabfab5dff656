package org.deltaboost.harness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingDevicesTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void namesItTakes() {
    for (String name : List.of("cpu", "gpu", "auto", "gpu:0", "gpu:0,1", "gpu:3,12")) {
      assertTrue(TrainingConfig.isDevice(name), name);
    }
    for (String name :
        List.of("tpu", "gpu:", "gpu:0,", "gpu:a", "gpu0", "GPU", "cpu:0", "", "gpu:12345")) {
      assertFalse(TrainingConfig.isDevice(name), name);
    }
  }

  @Test
  void gpuIdsBecomeADeviceValue() {
    assertEquals("gpu:0,1", TrainingDevices.gpus(List.of(0, 1)));
    assertEquals("gpu:2", TrainingDevices.gpus(List.of(2)));
    assertThrows(IllegalArgumentException.class, () -> TrainingDevices.gpus(List.of()));
  }

  @Test
  void theConfigTakesGpuListsAndRefusesOtherNames() {
    TrainingConfigReader reader = new TrainingConfigReader();
    assertEquals("gpu:0,1", reader.readLayers(List.of(), Map.of("device", "gpu:0,1")).device());
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> reader.readLayers(List.of(), Map.of("device", "gpu:x")));
    assertTrue(refused.getMessage().contains("'gpu:x'"), refused.getMessage());
  }

  @Test
  void cpuAndAutoOnAMachineWithoutGpu() {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    assertArrayEquals(new Device[] {Device.cpu()}, TrainingDevices.resolve("cpu"));
    assertArrayEquals(new Device[] {Device.cpu()}, TrainingDevices.resolve("auto"));
    assertEquals(List.of("cpu()"), TrainingDevices.names(TrainingDevices.resolve("auto")));
  }

  @Test
  void gpusAreRefusedWhereTheEngineSeesNone() {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    for (String name : List.of("gpu", "gpu:0", "gpu:0,1")) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> TrainingDevices.resolve(name));
      assertTrue(
          refused
              .getMessage()
              .startsWith("device " + name + ": the engine (PyTorch 2.7.1) sees no GPU"),
          refused.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> TrainingDevices.resolve("tpu"));
  }
}
