package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped script's staleness check, on a copy of the script in a fake project whose {@code
 * mvnw} only counts its calls and writes the jar, and whose {@code java} only says it ran: the
 * script builds on first use, after a main source or a pom changes, and after a failed build; not
 * when only a test changes, not twice for two commands at once, and not again when Maven left the
 * jar as it was (the stamp the last build left decides, or the jar where there is none).
 */
class LauncherBuildIT {

  private static final String BUILDING = "deltaboost: building";

  @TempDir Path root;
  private Path script;
  private Path mainSource;
  private Path testSource;
  private Path stamp;

  @BeforeEach
  void fakeProject() throws IOException {
    script = root.resolve("deltaboost");
    Files.copy(LauncherProcess.launcher(), script, StandardCopyOption.COPY_ATTRIBUTES);
    // Like Maven's jar plugin, the fake build writes the jar only once: later builds keep it.
    executable(
        root.resolve("mvnw"),
        "#!/usr/bin/env bash",
        "echo build >> \"$(dirname \"$0\")/builds.log\"",
        "[ -z \"${FAKE_BUILD_SECONDS:-}\" ] || sleep \"$FAKE_BUILD_SECONDS\"",
        "[ -z \"${FAKE_TOUCH_DURING_BUILD:-}\" ] || touch \"$FAKE_TOUCH_DURING_BUILD\"",
        "[ -z \"${FAKE_BUILD_FAILS:-}\" ] || { echo 'fake build error' >&2; exit 3; }",
        "mkdir -p harness/cli/target/lib",
        "[ -f harness/cli/target/deltaboost-cli-0.jar ] || touch harness/cli/target/deltaboost-cli-0.jar");
    executable(root.resolve("bin/java"), "#!/usr/bin/env bash", "echo fake java ran");
    write("pom.xml", "<project/>\n");
    mainSource = write("modules/a/src/main/java/a/A.java", "class A {}\n");
    write("modules/a/src/main/resources/a.properties", "a=1\n");
    testSource = write("modules/a/src/test/java/a/ATest.java", "class ATest {}\n");
    stamp = root.resolve("harness/cli/target/launcher-build.stamp");
  }

  @Test
  void buildsOnFirstUseAndNotAgainWhenNothingChanged() throws Exception {
    LauncherProcess first = run(Map.of());
    assertEquals(0, first.exit(), first.transcript());
    assertTrue(first.err().contains(BUILDING), first.transcript());
    assertTrue(first.out().contains("fake java ran"), first.transcript());
    assertTrue(Files.isRegularFile(stamp), "no stamp after a build");

    LauncherProcess second = run(Map.of());
    assertEquals(0, second.exit(), second.transcript());
    assertFalse(second.err().contains(BUILDING), second.transcript());
    assertEquals(1, builds());
  }

  @Test
  void aChangedMainSourceOrPomBuildsOnceButATestDoesNot() throws Exception {
    run(Map.of());
    touchAfterStamp(testSource);
    assertFalse(built(Map.of()), "a test source alone must not build");
    assertEquals(1, builds());

    touchAfterStamp(mainSource);
    assertTrue(built(Map.of()));
    // The jar kept its old time (the fake build, like Maven, did not rewrite it): no build again.
    assertFalse(built(Map.of()));
    assertEquals(2, builds());

    touchAfterStamp(root.resolve("modules/a/src/main/resources/a.properties"));
    assertTrue(built(Map.of()));
    touchAfterStamp(root.resolve("pom.xml"));
    assertTrue(built(Map.of()));
    assertEquals(4, builds());
  }

  @Test
  void aFailedBuildStopsWithItsStatusAndTheNextCommandBuildsAgain() throws Exception {
    run(Map.of());
    touchAfterStamp(mainSource);
    FileTime before = Files.getLastModifiedTime(stamp);

    LauncherProcess failed = run(Map.of("FAKE_BUILD_FAILS", "1"));
    assertEquals(3, failed.exit(), failed.transcript());
    assertTrue(failed.err().contains("fake build error"), failed.transcript());
    assertTrue(failed.err().contains("deltaboost: the build failed"), failed.transcript());
    assertFalse(failed.out().contains("fake java ran"), failed.transcript());
    assertEquals(before, Files.getLastModifiedTime(stamp), "a failed build moved the stamp");
    try (var left = Files.list(stamp.getParent())) {
      assertEquals(
          0, left.filter(p -> p.getFileName().toString().startsWith(".launcher-build")).count());
    }

    assertTrue(built(Map.of()));
    assertEquals(3, builds());
  }

  @Test
  void aSourceSavedDuringABuildMakesTheNextCommandBuildAgain() throws Exception {
    run(Map.of());
    touchAfterStamp(mainSource);
    assertTrue(built(Map.of("FAKE_TOUCH_DURING_BUILD", mainSource.toString())));
    assertTrue(built(Map.of()), "the edit during the build was missed");
    assertEquals(3, builds());
  }

  @Test
  void withoutAStampTheJarDecides() throws Exception {
    run(Map.of());
    Files.delete(stamp);
    Path jar = root.resolve("harness/cli/target/deltaboost-cli-0.jar");
    // A jar Maven wrote after the last change (mvn verify, package): no build.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(5)));
    assertFalse(built(Map.of()));
    // A jar older than a change: build.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(120)));
    assertTrue(built(Map.of()));
    assertEquals(2, builds());
  }

  @Test
  void twoCommandsThatFindTheProjectStaleBuildItOnce() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/flock")), "flock (util-linux) is not installed");
    run(Map.of());
    touchAfterStamp(mainSource);
    Map<String, String> slowBuild = Map.of("FAKE_BUILD_SECONDS", "2");
    CompletableFuture<LauncherProcess> first = CompletableFuture.supplyAsync(() -> call(slowBuild));
    CompletableFuture<LauncherProcess> second =
        CompletableFuture.supplyAsync(() -> call(slowBuild));
    for (LauncherProcess done : List.of(first.get(), second.get())) {
      assertEquals(0, done.exit(), done.transcript());
      assertTrue(done.out().contains("fake java ran"), done.transcript());
    }
    assertEquals(2, builds(), "the second command built over the first one's build");
  }

  @Test
  void noBuildSkipsTheCheckButNotAMissingJar() throws Exception {
    assertTrue(built(Map.of("DELTABOOST_NO_BUILD", "1")), "a missing jar must be built");
    touchAfterStamp(mainSource);
    assertFalse(built(Map.of("DELTABOOST_NO_BUILD", "1")));
    assertEquals(1, builds());
  }

  private LauncherProcess run(Map<String, String> extra) throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>();
    env.put("DELTABOOST_NO_BUILD", "");
    env.put("DELTABOOST_MKL_VENDOR_SHIM", "off");
    env.put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
    env.putAll(extra);
    return LauncherProcess.run(script, root, env, "--version");
  }

  /** Runs the script; returns whether it built, after checking that it ran to the end. */
  private boolean built(Map<String, String> extra) throws IOException, InterruptedException {
    LauncherProcess done = run(extra);
    assertEquals(0, done.exit(), done.transcript());
    assertTrue(done.out().contains("fake java ran"), done.transcript());
    return done.err().contains(BUILDING);
  }

  /** {@link #run} for another thread. */
  private LauncherProcess call(Map<String, String> extra) {
    try {
      return run(extra);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private int builds() throws IOException {
    Path log = root.resolve("builds.log");
    return Files.exists(log) ? Files.readAllLines(log).size() : 0;
  }

  /**
   * An edit after the last build, both in the past: the stamp dated 20 s ago, the file 10 s ago (a
   * file dated in the future would look newer than the next build's stamp too).
   */
  private void touchAfterStamp(Path file) throws IOException {
    Instant now = Instant.now();
    Files.setLastModifiedTime(stamp, FileTime.from(now.minusSeconds(20)));
    Files.setLastModifiedTime(file, FileTime.from(now.minusSeconds(10)));
  }

  private Path write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    return file;
  }

  private static void executable(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
