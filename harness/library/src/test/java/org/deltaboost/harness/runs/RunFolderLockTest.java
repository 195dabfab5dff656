package org.deltaboost.harness.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderLockTest {

  @Test
  void aSecondLockInThisProcessIsRefusedNamingTheHolder(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("run");
    try (RunFolderLock first = RunFolderLock.acquire(folder)) {
      assertNull(first.tookOverFrom());
      RunFolderLockedException e =
          assertThrows(RunFolderLockedException.class, () -> RunFolderLock.acquire(folder));
      assertTrue(
          e.holder().startsWith("pid " + ProcessHandle.current().pid() + " on "), e.holder());
      assertTrue(
          e.getMessage().contains("run folder " + folder + " is in use by pid"), e.getMessage());
    }
    // Released cleanly: the next one takes it without a take-over note, the file is emptied.
    assertEquals(0, Files.size(folder.resolve(RunFolderLock.FILE)));
    try (RunFolderLock again = RunFolderLock.acquire(folder)) {
      assertNull(again.tookOverFrom());
    }
  }

  @Test
  void anotherProcessHoldsItUntilKilledAndIsThenTakenOver(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("grid/trial");
    Process child = start(folder);
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertEquals("locked " + folder, line);
      RunFolderLockedException e =
          assertThrows(RunFolderLockedException.class, () -> RunFolderLock.acquire(folder));
      assertTrue(e.holder().startsWith("pid " + child.pid() + " on "), e.holder());
      assertTrue(e.holder().contains(" since "), e.holder());
    } finally {
      child.destroyForcibly(); // SIGKILL: the kernel drops its lock, its holder line stays
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    try (RunFolderLock taken = RunFolderLock.acquire(folder)) {
      assertTrue(
          taken.tookOverFrom() != null && taken.tookOverFrom().startsWith("pid " + child.pid()),
          String.valueOf(taken.tookOverFrom()));
    }
  }

  /** Starts {@link LockHoldingProcess} in a child JVM on this JVM's module and class path. */
  private static Process start(Path folder) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String modulePath = System.getProperty("jdk.module.path");
    boolean modular = modulePath != null && !modulePath.isEmpty();
    if (modular) {
      // The test classes (this helper among them) are patched into the module, as surefire does.
      Path testClasses =
          Path.of(
              LockHoldingProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      command.addAll(
          List.of(
              "-p",
              modulePath,
              "--add-modules",
              "ALL-MODULE-PATH",
              "--patch-module",
              "org.deltaboost.harness=" + testClasses));
    }
    String classPath = System.getProperty("java.class.path");
    if (classPath != null && !classPath.isEmpty()) {
      command.addAll(List.of("-cp", classPath));
    }
    if (modular) {
      command.addAll(List.of("-m", "org.deltaboost.harness/" + LockHoldingProcess.class.getName()));
    } else {
      command.add(LockHoldingProcess.class.getName());
    }
    command.add(folder.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
