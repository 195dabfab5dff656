package org.deltaboost.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts this CLI in another process (a child of {@code compare --parallel}, a
 * Slurm array task): the {@code deltaboost} script by its absolute path when it launched this JVM
 * ({@value #ENV}, which the script exports), else this JVM's java with its module path and class
 * path (tests, library users).
 */
final class HarnessLauncher {

  /** The environment variable the {@code deltaboost} script sets to its own absolute path. */
  static final String ENV = "DELTABOOST_LAUNCHER";

  private HarnessLauncher() {}

  /** The command's words; the subcommand and its arguments follow them. */
  static List<String> command() {
    String script = System.getenv(ENV);
    if (script != null && !script.isBlank()) {
      return List.of(script);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dai.djl.offline=true");
    String modulePath = System.getProperty("jdk.module.path");
    boolean modular = modulePath != null && !modulePath.isEmpty();
    if (modular) {
      command.addAll(List.of("-p", modulePath, "--add-modules", "ALL-MODULE-PATH"));
    }
    String classPath = System.getProperty("java.class.path");
    if (classPath != null && !classPath.isEmpty()) {
      command.addAll(List.of("-cp", classPath));
    }
    if (modular) {
      command.addAll(List.of("-m", "org.deltaboost.harness.cli/" + Main.class.getName()));
    } else {
      command.add(Main.class.getName());
    }
    return command;
  }
}
