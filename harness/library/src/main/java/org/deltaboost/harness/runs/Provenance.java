package org.deltaboost.harness.runs;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where and with what a run was produced, so its numbers can be rebuilt.
 *
 * @param deltaboostVersion version of the harness module
 * @param djlVersion DJL API version
 * @param engine engine name and version, e.g. {@code PyTorch 2.7.1}
 * @param javaVersion the running JVM
 * @param os operating system and architecture
 * @param cores processors available to the JVM
 * @param dataSource where the data was read from
 * @param startedAt when the run started (UTC)
 * @param gitCommit the git commit of the checkout the running code was built in ({@code git
 *     rev-parse HEAD} in the folder of the harness jar or classes, else in the working directory),
 *     with {@code -dirty} appended when {@code git status --porcelain} lists changes; {@code null}
 *     outside a git checkout or without git
 */
public record Provenance(
    String deltaboostVersion,
    String djlVersion,
    String engine,
    String javaVersion,
    String os,
    int cores,
    String dataSource,
    String startedAt,
    String gitCommit) {
  private static final long GIT_TIMEOUT_SECONDS = 5;

  /** Describes the current process. */
  public static Provenance current(String dataSource) {
    Engine engine = Engine.getInstance();
    String version =
        Provenance.class.getModule().getDescriptor() != null
            ? Provenance.class.getModule().getDescriptor().rawVersion().orElse("dev")
            : "dev";
    return new Provenance(
        version,
        Engine.getDjlVersion(),
        engine.getEngineName() + " " + engine.getVersion(),
        Runtime.version().toString(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        dataSource,
        Instant.now().toString(),
        currentGitCommit());
  }

  private static String currentGitCommit() {
    List<Path> folders = new ArrayList<>();
    try {
      Path code =
          Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      folders.add(Files.isDirectory(code) ? code : code.getParent());
    } catch (URISyntaxException | RuntimeException e) {
      // no code source (e.g. a custom class loader): the working directory alone decides
    }
    folders.add(Path.of("").toAbsolutePath());
    for (Path folder : folders) {
      String commit = commitOf(folder);
      if (commit != null) {
        return commit;
      }
    }
    return null;
  }

  /**
   * The commit checked out at {@code folder}, {@code -dirty} when changed; null when it is no git
   * checkout.
   */
  static String commitOf(Path folder) {
    String head = git(folder, "rev-parse", "HEAD");
    if (head == null || !head.strip().matches("[0-9a-f]{40,64}")) {
      return null;
    }
    String status = git(folder, "status", "--porcelain");
    return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
  }

  /** The standard output of a git command run in {@code folder}, or null on failure or timeout. */
  private static String git(Path folder, String... arguments) {
    Path output = null;
    Process process = null;
    try {
      output = Files.createTempFile("deltaboost-git", ".out");
      List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
      command.addAll(List.of(arguments));
      process =
          new ProcessBuilder(command)
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return Files.readString(output);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // a leftover temporary file is harmless
        }
      }
    }
  }
}
