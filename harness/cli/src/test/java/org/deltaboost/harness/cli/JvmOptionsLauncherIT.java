package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options of the shipped {@code deltaboost} script (docs/performance.md, "JVM options"):
 * its defaults, {@code DELTABOOST_DEFAULT_JAVA_OPTS} replacing them and {@code
 * DELTABOOST_JAVA_OPTS} added after them, as {@code doctor} reports what the JVM got. See {@link
 * LauncherEndToEndIT} for when these tests run.
 */
class JvmOptionsLauncherIT {
  private static final String HEAP = "-XX:MaxNewSize=32m -XX:GCTimeRatio=4";
  private static final String ENGINE = "-Dai.djl.offline=true --add-modules=org.slf4j";

  private static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void findLauncher() {
    launcher = LauncherProcess.launcher();
  }

  private String optionsLine(Map<String, String> env) throws Exception {
    return LauncherProcess.doctorLine(launcher, dir, env, "jvm options: ");
  }

  /** C1 alone, early, where the script counts at most 4 cores (as the JVM counts them here). */
  private static String compilerDefaults() {
    return Runtime.getRuntime().availableProcessors() <= 4
        ? " -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1"
        : "";
  }

  @Test
  void byDefaultTheHeapIsSizedForFlatResidentMemory() throws Exception {
    assertEquals("jvm options: " + HEAP + compilerDefaults() + " " + ENGINE, optionsLine(Map.of()));
  }

  @Test
  void defaultJavaOptsReplaceTheDefaultsAndJavaOptsComeAfterThem() throws Exception {
    assertEquals(
        "jvm options: -Xss2m -Xmx1g " + ENGINE,
        optionsLine(
            Map.of("DELTABOOST_DEFAULT_JAVA_OPTS", "-Xss2m", "DELTABOOST_JAVA_OPTS", "-Xmx1g")));
    assertEquals("jvm options: " + ENGINE, optionsLine(Map.of("DELTABOOST_DEFAULT_JAVA_OPTS", "")));
  }
}
