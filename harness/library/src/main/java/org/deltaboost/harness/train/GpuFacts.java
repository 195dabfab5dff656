package org.deltaboost.harness.train;

import java.util.Locale;

/**
 * One GPU as the engine sees it.
 *
 * @param id the CUDA device id ({@code gpu(id)} in DJL)
 * @param name the product name from {@code nvidia-smi}, or {@code null} when it cannot be asked
 * @param computeCapability e.g. {@code "90"} for 9.0
 * @param totalMemoryBytes the device memory
 * @param freeMemoryBytes the device memory free now
 */
public record GpuFacts(
    int id, String name, String computeCapability, long totalMemoryBytes, long freeMemoryBytes) {

  /** Returns e.g. {@code gpu(0): NVIDIA H100, compute 9.0, 79.6 GiB (79.1 GiB free)}. */
  public String describe() {
    String capability =
        computeCapability.length() == 2
            ? computeCapability.charAt(0) + "." + computeCapability.charAt(1)
            : computeCapability;
    return String.format(
        Locale.ROOT,
        "gpu(%d): %s, compute %s, %.1f GiB (%.1f GiB free)",
        id,
        name == null ? "name unknown (no nvidia-smi)" : name,
        capability,
        totalMemoryBytes / (double) (1L << 30),
        freeMemoryBytes / (double) (1L << 30));
  }
}
