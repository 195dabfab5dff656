package org.deltaboost.harness.train;

/**
 * Configures DJL before its first use: offline (the PyTorch native library comes from the {@code
 * pytorch-native-cpu} jar, so nothing is ever downloaded at run time), intra-op threads equal to
 * the cores, and quiet engine logging. A value the user already set wins.
 */
public final class EngineSetup {

  private EngineSetup() {}

  /** Applies the settings; call before any DJL class is used. */
  public static void configure() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent(
        "ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    // The CPU-only build probes for CUDA and warns when a driver is present but unusable.
    setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
