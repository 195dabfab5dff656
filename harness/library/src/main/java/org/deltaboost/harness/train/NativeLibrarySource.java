package org.deltaboost.harness.train;

/** Where DJL took the PyTorch native library from, in the order DJL itself looks (docs/gpu.md). */
public enum NativeLibrarySource {
  /**
   * A folder named by {@code PYTORCH_LIBRARY_PATH} (the launcher sets it from {@code
   * DELTABOOST_LIBTORCH}).
   */
  FOLDER,
  /** The {@code pytorch-native-*} jar on the class path, extracted into DJL's cache. */
  JAR,
  /** DJL's download cache: downloaded online ({@code ai.djl.offline=false}) or filled earlier. */
  DOWNLOAD_CACHE;

  /** Returns how {@code deltaboost doctor} names this source. */
  public String describe() {
    return switch (this) {
      case FOLDER -> "folder (PYTORCH_LIBRARY_PATH, set from DELTABOOST_LIBTORCH by the launcher)";
      case JAR -> "pytorch-native jar on the class path";
      case DOWNLOAD_CACHE -> "DJL download cache";
    };
  }
}
