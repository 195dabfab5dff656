package org.deltaboost.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.deltaboost.harness.train.config.TrainingConfig;

/**
 * Resolves a config's {@code device}: {@code cpu}; {@code gpu}, every GPU the engine sees (an error
 * naming the engine when it sees none); {@code auto}, the GPUs when there are any, else the CPU.
 */
public final class TrainingDevices {

  private TrainingDevices() {}

  /**
   * Returns the devices to train on; the first holds the batches and evaluates.
   *
   * @param device {@code cpu}, {@code gpu} or {@code auto}
   * @throws IllegalArgumentException for {@code gpu} without a GPU, or an unknown name
   */
  public static Device[] resolve(String device) {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (device) {
      case "cpu" -> new Device[] {Device.cpu()};
      case "gpu" -> {
        if (gpus == 0) {
          Engine engine = Engine.getInstance();
          throw new IllegalArgumentException(
              "device gpu: the engine ("
                  + engine.getEngineName()
                  + " "
                  + engine.getVersion()
                  + ") sees no GPU; use --device cpu or auto");
        }
        yield Engine.getInstance().getDevices(gpus);
      }
      case "auto" -> gpus > 0 ? Engine.getInstance().getDevices(gpus) : new Device[] {Device.cpu()};
      default ->
          throw new IllegalArgumentException(
              "device must be one of " + TrainingConfig.DEVICES + ", got '" + device + "'");
    };
  }
}
