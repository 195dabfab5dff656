package org.deltaboost.harness.mkl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link MklMatmulProbe} in child JVMs with and without the shim preloaded, MKL_VERBOSE=1 and
 * one thread, on an AMD CPU with AVX2 (skipped elsewhere).
 *
 * <p>MKL does not print which sgemm kernel it picked, and its banner names the generic path with
 * the shim too (checked), so the dispatch is made visible by asking MKL for its AVX2
 * conditional-numerical-reproducibility branch ({@code MKL_CBWR=AVX2}): MKL grants a branch only
 * when its CPU dispatcher finds that instruction set. Without the shim it falls back to {@code
 * CNR:AUTO} under the generic banner; with it, {@code CNR:AVX2} under the AVX2 banner. Then, in
 * MKL's default mode (what deltaboost runs), the product's loss with and without the shim must
 * agree to 1e-4 relative: other kernels round differently, nothing more. On a CPU with AVX-512 the
 * products' bits must differ, which shows that the default mode, too, runs another kernel.
 */
class MklVendorShimProcessTest {

  private static final String GENERIC_BANNER = "Intel(R) Architecture processors";
  private static final Pattern LOSS = Pattern.compile("(?m)^loss (\\S+)$");

  /** What a child printed. */
  private record Child(String output) {
    String banner() {
      return output
          .lines()
          .filter(l -> l.startsWith("MKL_VERBOSE oneMKL"))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("no MKL_VERBOSE banner; MKL did not run:\n" + output));
    }

    String sgemm() {
      return output
          .lines()
          .filter(l -> l.startsWith("MKL_VERBOSE SGEMM"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no SGEMM call in the output:\n" + output));
    }

    String bits() {
      return output
          .lines()
          .filter(l -> l.startsWith("bits "))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no bits line:\n" + output));
    }

    double loss() {
      Matcher m = LOSS.matcher(output);
      assertTrue(m.find(), "no loss line:\n" + output);
      return Double.parseDouble(m.group(1));
    }
  }

  @Test
  void mklFindsAvx2OnlyWithTheShimAndComputesTheSameLoss(@TempDir Path dir) throws Exception {
    assumeTrue(amdWithAvx2(), "the shim matters only on AMD CPUs with AVX2");
    Path shim = MklVendorShim.write(dir.resolve(MklVendorShim.FILE_NAME));

    Child refused = run(null, "AVX2");
    assertTrue(refused.banner().contains(GENERIC_BANNER), refused.banner());
    assertTrue(
        refused.sgemm().contains("CNR:AUTO"),
        "without the shim MKL refuses AVX2: " + refused.sgemm());

    Child granted = run(shim, "AVX2");
    assertTrue(granted.banner().contains("(Intel(R) AVX2) enabled processors"), granted.banner());
    assertTrue(
        granted.sgemm().contains("CNR:AVX2"), "with the shim MKL finds AVX2: " + granted.sgemm());

    Child plain = run(null, null);
    Child shimmed = run(shim, null);
    assertTrue(plain.banner().contains(GENERIC_BANNER), plain.banner());
    assertTrue(plain.sgemm().contains("CNR:OFF") && shimmed.sgemm().contains("CNR:OFF"));
    double expected = plain.loss();
    double actual = shimmed.loss();
    assertTrue(expected > 0, "loss " + expected);
    assertEquals(expected, actual, 1e-4 * expected, "loss without / with the shim");
    if (cpuFlag("avx512f")) {
      // Zen 4: the generic path and the AVX-512 kernel sum in different orders (measured).
      assertTrue(!plain.bits().equals(shimmed.bits()), "same bits: the shim changed no kernel");
    }
  }

  /** Starts the probe with {@code LD_PRELOAD=shim} (none when null) and {@code MKL_CBWR=cbwr}. */
  private static Child run(Path shim, String cbwr)
      throws IOException, InterruptedException, URISyntaxException {
    List<String> command = new ArrayList<>();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    command.add(ProcessHandle.current().info().command().orElse(java.toString()));
    for (String key : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
      if (System.getProperty(key) != null) {
        command.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    command.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"));
    command.addAll(List.of("-cp", classPath(), MklMatmulProbe.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.remove("LD_PRELOAD");
    env.remove("MKL_CBWR");
    env.remove("MKL_ENABLE_INSTRUCTIONS");
    if (shim != null) {
      env.put("LD_PRELOAD", shim.toAbsolutePath().toString());
    }
    if (cbwr != null) {
      env.put("MKL_CBWR", cbwr);
    }
    env.put("MKL_VERBOSE", "1");
    env.put("OMP_NUM_THREADS", "1");
    env.put("MKL_NUM_THREADS", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child still running");
    assertEquals(0, process.exitValue(), "child " + command + " failed:\n" + output);
    return new Child(output);
  }

  /** This JVM's module path and class path, and the folder this test was compiled into. */
  private static String classPath() throws URISyntaxException {
    Set<String> entries = new LinkedHashSet<>();
    String resource = MklMatmulProbe.class.getSimpleName() + ".class";
    Path compiled = Path.of(MklMatmulProbe.class.getResource(resource).toURI());
    int depth = MklMatmulProbe.class.getPackageName().split("\\.").length;
    Path root = compiled.getParent();
    for (int i = 0; i < depth; i++) {
      root = root.getParent();
    }
    entries.add(root.toString());
    for (String key : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(key, "");
      for (String entry : value.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          entries.add(entry);
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static boolean amdWithAvx2() throws IOException {
    return cpuinfo().stream().anyMatch(l -> l.matches("vendor_id\\s*:\\s*AuthenticAMD"))
        && cpuFlag("avx2");
  }

  private static boolean cpuFlag(String flag) throws IOException {
    return cpuinfo().stream()
        .anyMatch(l -> l.startsWith("flags") && (" " + l + " ").contains(" " + flag + " "));
  }

  private static List<String> cpuinfo() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    return Files.isReadable(cpuinfo) ? Files.readAllLines(cpuinfo) : List.of();
  }
}
