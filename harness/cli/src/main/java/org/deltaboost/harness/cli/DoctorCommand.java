package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.image.ImageFileReader;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.mkl.MklVendorShim;
import org.deltaboost.harness.train.EngineFacts;
import org.deltaboost.harness.train.GpuFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost doctor}: what this machine runs on. Java and its options, the CPU cores, the
 * MKL vendor shim, glibc's malloc settings, the JPEG decoder (libjpeg-turbo and its file, or
 * ImageIO and why), the engine (libtorch version and flavor, the folder its native library was
 * loaded from and how DJL found it: {@link EngineFacts}), the GPUs it sees and what {@code --device
 * auto} would use, then one line per dataset. Exit status 1, with the reason, when the engine
 * cannot load; the datasets are listed either way.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Show the engine, where its native library came from, the GPUs it sees, the CPU and Java"
            + " facts that matter, the JPEG decoder, and each dataset's status; exit 1 when the"
            + " engine cannot load.")
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Look for datasets here first.")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "java:        " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    // the module path the launcher passes is long and says nothing about the machine
    out.println(
        "jvm options: "
            + String.join(
                " ",
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(o -> !o.startsWith("--module-path") && !o.startsWith("-Djdk.module."))
                    .toList()));
    out.println("cpu cores:   " + Runtime.getRuntime().availableProcessors());
    out.println("mkl shim:    " + mklShim());
    out.println("malloc:      " + malloc());
    out.println("jpeg decode: " + ImageFileReader.jpegDecoder());
    String failure = null;
    try {
      EngineFacts engine = EngineFacts.probe();
      out.println(
          "engine:      "
              + engine.engineName()
              + " "
              + engine.engineVersion()
              + ", flavor "
              + engine.flavor());
      out.println("libtorch:    " + engine.libraryFolder());
      out.println("source:      " + engine.source().describe());
      out.println("gpus:        " + engine.gpus().size());
      for (GpuFacts gpu : engine.gpus()) {
        out.println("  " + gpu.describe());
      }
      out.println(
          "device auto: "
              + String.join(", ", engine.autoDevices().stream().map(Object::toString).toList()));
    } catch (RuntimeException | LinkageError e) {
      failure = FailureMessage.of(e);
      out.println("engine:      cannot load: " + failure);
    }
    out.println("datasets:");
    DataLocator locator = DataLocator.forDataDir(dataDir);
    for (DatasetDescriptor descriptor : DatasetCatalog.descriptors()) {
      String headline = descriptor.status(locator).report().lines().findFirst().orElse("");
      out.println("  " + headline);
    }
    out.flush();
    if (failure != null) {
      spec.commandLine().getErr().println("deltaboost: error: the engine cannot load: " + failure);
      return 1;
    }
    return 0;
  }

  /**
   * Whether glibc keeps freed memory (the launcher's default, docs/performance.md): the two
   * variables as set, or glibc's defaults.
   */
  private static String malloc() {
    StringBuilder set = new StringBuilder();
    for (String name :
        List.of("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX")) {
      String value = System.getenv(name);
      if (value != null) {
        set.append(set.length() == 0 ? "" : " ").append(name).append('=').append(value);
      }
    }
    return set.length() == 0
        ? "glibc's defaults (freed large blocks go back to the system)"
        : set.toString();
  }

  /** Whether the launcher preloaded the shim (docs/performance.md). */
  private static String mklShim() {
    String preload = System.getenv("LD_PRELOAD");
    if (preload != null) {
      for (String entry : preload.split("[\\s:]+")) {
        if (entry.endsWith("/" + MklVendorShim.FILE_NAME)) {
          return "preloaded (" + entry + ")";
        }
      }
    }
    return "not preloaded"
        + (preload == null || preload.isBlank() ? "" : " (LD_PRELOAD=" + preload + ")");
  }
}
