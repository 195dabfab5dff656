package org.deltaboost.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.deltaboost.harness.train.config.TrainingConfig;

/**
 * Resolves a config's {@code device}: {@code cpu}; {@code gpu}, every GPU the engine sees; {@code
 * gpu:0,1}, those GPUs by CUDA id ({@code --devices 0,1}); {@code auto}, the GPUs when there are
 * any, else the CPU. Naming a GPU the engine does not see is an error that says what it sees.
 *
 * <p>With several devices each batch of {@code batchSize} samples is cut into one slice per device,
 * so a device computes on about {@code batchSize / devices} samples per step and the numbers are
 * those of the whole batch.
 */
public final class TrainingDevices {

  private TrainingDevices() {}

  /** Returns the {@code device} value that selects these GPU ids, e.g. {@code gpu:0,1}. */
  public static String gpus(List<Integer> ids) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("devices: expected at least one GPU id");
    }
    return "gpu:" + String.join(",", ids.stream().map(String::valueOf).toList());
  }

  /**
   * Returns the devices to train on; the first holds the batches and evaluates.
   *
   * @param device {@code cpu}, {@code gpu}, {@code gpu:ID,ID…} or {@code auto}
   * @throws IllegalArgumentException for a GPU the engine does not see, or an unknown name
   */
  public static Device[] resolve(String device) {
    if (!TrainingConfig.isDevice(device)) {
      throw new IllegalArgumentException(
          "device must be one of "
              + TrainingConfig.DEVICES
              + " or gpu:ID,ID…, got '"
              + device
              + "'");
    }
    if (device.equals("cpu")) {
      return new Device[] {Device.cpu()};
    }
    Engine engine = Engine.getInstance();
    int gpus = engine.getGpuCount();
    if (device.equals("auto")) {
      return gpus > 0 ? engine.getDevices(gpus) : new Device[] {Device.cpu()};
    }
    if (gpus == 0) {
      throw new IllegalArgumentException(
          "device "
              + device
              + ": the engine ("
              + engine.getEngineName()
              + " "
              + engine.getVersion()
              + ") sees no GPU; use --device cpu or auto (deltaboost doctor says why)");
    }
    if (device.equals("gpu")) {
      return engine.getDevices(gpus);
    }
    Set<Integer> ids = new LinkedHashSet<>();
    for (String id : device.substring("gpu:".length()).split(",")) {
      int value = Integer.parseInt(id);
      if (value >= gpus) {
        throw new IllegalArgumentException(
            "device "
                + device
                + ": no GPU "
                + value
                + "; the engine sees "
                + gpus
                + " (ids 0 to "
                + (gpus - 1)
                + ")");
      }
      if (!ids.add(value)) {
        throw new IllegalArgumentException("device " + device + ": GPU " + value + " named twice");
      }
    }
    return ids.stream().map(Device::gpu).toArray(Device[]::new);
  }

  /** Returns the devices' names as DJL writes them, e.g. {@code [gpu(0), gpu(1)]}. */
  public static List<String> names(Device[] devices) {
    return Arrays.stream(devices).map(Device::toString).toList();
  }
}
