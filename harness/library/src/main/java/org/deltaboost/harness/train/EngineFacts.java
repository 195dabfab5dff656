package org.deltaboost.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the loaded engine is and sees, as {@code deltaboost doctor} prints it: its name and version,
 * the libtorch flavor ({@code cpu}, {@code cu128}), the folder the native library was loaded from
 * and how DJL found it, the GPUs, and what {@code --device auto} resolves to.
 *
 * @param engineName e.g. {@code PyTorch}
 * @param engineVersion the libtorch version, e.g. {@code 2.7.1}
 * @param flavor {@code cpu}, {@code cu128}, …
 * @param libraryFolder the folder {@code libtorch.so} was loaded from
 * @param source how DJL found that folder
 * @param gpus every GPU the engine sees, by id
 * @param autoDevices the devices {@code --device auto} trains on
 */
public record EngineFacts(
    String engineName,
    String engineVersion,
    String flavor,
    Path libraryFolder,
    NativeLibrarySource source,
    List<GpuFacts> gpus,
    List<Device> autoDevices) {

  // DJL's cache folders: 2.7.1-cpu-linux-x86_64, 2.7.1-20250812-cu128-linux-x86_64
  private static final Pattern CACHE_FOLDER =
      Pattern.compile("^\\d+\\.\\d+\\.\\d+(?:-\\d+)?-(cpu|cu\\d+)(?:-precxx11)?-");

  /** Copies the lists. */
  public EngineFacts {
    gpus = List.copyOf(gpus);
    autoDevices = List.copyOf(autoDevices);
  }

  /**
   * Loads the engine (if it is not loaded yet) and reads its facts.
   *
   * @throws ai.djl.engine.EngineException or {@link UnsatisfiedLinkError} when it cannot load
   */
  public static EngineFacts probe() {
    Engine engine = Engine.getInstance();
    Path folder = Path.of(LibUtils.getLibtorchPath()).toAbsolutePath();
    List<GpuFacts> gpus = new ArrayList<>();
    int count = engine.getGpuCount();
    List<String> names = gpuNames(count);
    for (int id = 0; id < count; id++) {
      MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(id));
      gpus.add(
          new GpuFacts(
              id,
              names.get(id),
              CudaUtils.getComputeCapability(id),
              memory.getMax(),
              memory.getMax() - memory.getUsed()));
    }
    return new EngineFacts(
        engine.getEngineName(),
        engine.getVersion(),
        flavorOf(folder),
        folder,
        sourceInUse(),
        gpus,
        List.of(TrainingDevices.resolve("auto")));
  }

  /** How DJL found the library: its own search order (an override folder, a jar, the cache). */
  static NativeLibrarySource sourceInUse() {
    String override = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
    if (override != null && !override.isEmpty()) {
      return NativeLibrarySource.FOLDER;
    }
    if (ClassLoader.getSystemClassLoader().getResource("native/lib/pytorch.properties") != null) {
      return NativeLibrarySource.JAR;
    }
    return NativeLibrarySource.DOWNLOAD_CACHE;
  }

  /** {@code PYTORCH_FLAVOR} when set (DJL then loads that flavor), else what the folder says. */
  static String flavorOf(Path folder) {
    String set = Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR");
    if (set != null && !set.isEmpty()) {
      return set;
    }
    Matcher cache = CACHE_FOLDER.matcher(folder.getFileName().toString());
    if (cache.find()) {
      return cache.group(1);
    }
    return Files.exists(folder.resolve("libtorch_cuda.so")) ? "cuda" : "cpu";
  }

  /** The GPU names nvidia-smi reports, or nulls when it is not there or says something else. */
  private static List<String> gpuNames(int count) {
    List<String> names = new ArrayList<>();
    if (count > 0) {
      try {
        // a line per GPU fits the pipe, so waiting before reading cannot block nvidia-smi; a
        // wedged GPU can make nvidia-smi itself hang, hence the limit
        Process process =
            new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader")
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        } else if (process.exitValue() == 0) {
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(line -> !line.isEmpty())
              .forEach(names::add);
        }
      } catch (IOException e) {
        // no nvidia-smi: names unknown
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // nvidia-smi lists every GPU; CUDA_VISIBLE_DEVICES may hide some from the engine
    if (names.size() != count) {
      names.clear();
    }
    while (names.size() < count) {
      names.add(null);
    }
    return names;
  }
}
