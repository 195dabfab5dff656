package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * glibc's malloc settings through the shipped {@code deltaboost} script: by default it keeps freed
 * memory in one arena ({@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}, {@code
 * MALLOC_ARENA_MAX}; docs/performance.md), a value the caller set is kept, {@code
 * DELTABOOST_MALLOC=system} leaves glibc's defaults, and any other value is refused in one line.
 * {@code doctor} reports what the JVM got. See {@link LauncherEndToEndIT} for when these tests run;
 * every launcher test trains with the default.
 */
class MallocLauncherIT {

  private static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void findLauncher() {
    launcher = LauncherProcess.launcher();
  }

  private String mallocLine(Map<String, String> env) throws Exception {
    return LauncherProcess.doctorLine(launcher, dir, env, "malloc: ");
  }

  @Test
  void byDefaultGlibcKeepsFreedMemory() throws Exception {
    assertEquals(
        "malloc:      MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=1073741824"
            + " MALLOC_ARENA_MAX=1",
        mallocLine(Map.of()));
  }

  @Test
  void aValueTheCallerSetIsKept() throws Exception {
    assertEquals(
        "malloc:      MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=33554432"
            + " MALLOC_ARENA_MAX=1",
        mallocLine(Map.of("MALLOC_TRIM_THRESHOLD_", "33554432")));
  }

  @Test
  void systemLeavesGlibcDefaults() throws Exception {
    assertEquals(
        "malloc:      glibc's defaults (freed large blocks go back to the system)",
        mallocLine(Map.of("DELTABOOST_MALLOC", "system")));
  }

  @Test
  void anyOtherValueIsRefusedInOneLine() throws Exception {
    LauncherProcess run =
        LauncherProcess.run(launcher, dir, Map.of("DELTABOOST_MALLOC", "jemalloc"), "doctor");
    assertEquals(2, run.exit(), run.transcript());
    assertEquals(
        "deltaboost: DELTABOOST_MALLOC must be keep (the default) or system, got 'jemalloc'",
        run.err().strip());
    assertEquals("", run.out());
    assertFalse(LauncherProcess.STACK_TRACE.matcher(run.err()).find(), run.transcript());
  }
}
