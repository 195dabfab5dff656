package org.deltaboost.harness.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deltaboost.harness.mkl.MklVendorShim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost mkl-shim --write PATH}: writes the MKL vendor shim ({@link MklVendorShim}), the
 * 504-byte shared object that, preloaded with {@code LD_PRELOAD}, lets the MKL inside DJL's
 * libtorch use its AVX2 / AVX-512 kernels on AMD CPUs. The launcher runs it once per build; library
 * users who start their own JVM run it themselves. Exit status 0 when written, 2 when {@code PATH}
 * cannot be written (the message names the path and why).
 */
@Command(
    name = "mkl-shim",
    mixinStandardHelpOptions = true,
    description = {
      "Write the MKL vendor shim: a tiny shared object that, loaded with LD_PRELOAD, makes the"
          + " MKL inside libtorch use its AVX2/AVX-512 kernels on AMD CPUs.",
      "The launcher ./deltaboost applies it by itself on AMD CPUs with AVX2"
          + " (DELTABOOST_MKL_VENDOR_SHIM=off turns that off)."
    })
final class MklShimCommand implements Callable<Integer> {

  /** Exit status when the shim cannot be written. */
  static final int EXIT_UNWRITABLE = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--write",
      required = true,
      paramLabel = "PATH",
      description = "Write the shared object here (atomically; parent folders are created).")
  Path target;

  @Override
  public Integer call() {
    try {
      MklVendorShim.write(target);
    } catch (IOException e) {
      spec.commandLine().getErr().println("deltaboost mkl-shim: " + e.getMessage());
      return EXIT_UNWRITABLE;
    }
    spec.commandLine().getOut().println(target.toAbsolutePath());
    return 0;
  }
}
