package org.deltaboost.harness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One run of the shipped {@code deltaboost} script in a process of its own, for the *IT tests: with
 * {@code DELTABOOST_NO_BUILD=1}, without the caller's native-selection and malloc variables, in
 * {@code dir}, for at most {@link #TIMEOUT_SECONDS}.
 *
 * @param exit the exit status
 * @param out standard output
 * @param err standard error
 * @param transcript the command line with both streams, for assertion messages
 */
record LauncherProcess(int exit, String out, String err, String transcript) {

  static final long TIMEOUT_SECONDS = 300;

  /** A Java stack trace, or an exception's name, on either stream. */
  static final Pattern STACK_TRACE =
      Pattern.compile("(?m)^\\s+at \\S+\\(|^Exception in thread|^Caused by: |Error: |Exception: ");

  /**
   * The script the {@code integration-test} phase names in {@code deltaboost.launcher}; the calling
   * test is skipped without it (a {@code -Dtest} pick in the test phase, before the jar exists).
   */
  static Path launcher() {
    String property = System.getProperty("deltaboost.launcher");
    Assumptions.assumeTrue(
        property != null,
        "deltaboost.launcher is not set: this test runs in the integration-test phase (mvn verify)");
    Path launcher = Path.of(property).toAbsolutePath().normalize();
    Assertions.assertTrue(Files.isExecutable(launcher), launcher + ": not an executable script");
    return launcher;
  }

  /** Runs the script in {@code dir}; returns stdout after checking exit 0 and no stack trace. */
  static String runClean(Path launcher, Path dir, String... args)
      throws IOException, InterruptedException {
    LauncherProcess run = run(launcher, dir, Map.of(), args);
    Assertions.assertEquals(0, run.exit(), run.transcript());
    Assertions.assertFalse(STACK_TRACE.matcher(run.out()).find(), run.transcript());
    Assertions.assertFalse(STACK_TRACE.matcher(run.err()).find(), run.transcript());
    return run.out();
  }

  /**
   * Runs {@code doctor} in {@code dir} with {@code env} and returns its line starting with {@code
   * prefix}, after checking exit 0.
   */
  static String doctorLine(Path launcher, Path dir, Map<String, String> env, String prefix)
      throws IOException, InterruptedException {
    LauncherProcess doctor = run(launcher, dir, env, "doctor");
    Assertions.assertEquals(0, doctor.exit(), doctor.transcript());
    return doctor
        .out()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no '" + prefix + "' line\n" + doctor.transcript()));
  }

  /**
   * The arguments of {@code train} for one epoch of softmax-ce on a dataset, without progress
   * lines, into {@code dir/runs/RUN_ID}, then {@code options}.
   */
  static String[] trainOneEpoch(
      Path dir, String dataset, Path dataDir, String runId, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--dataset",
                dataset,
                "--data-dir",
                dataDir.toString(),
                "--strategy",
                "softmax-ce",
                "--epochs",
                "1",
                "--runs-dir",
                dir.resolve("runs").toString(),
                "--run-id",
                runId,
                "--progress",
                "never"));
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }

  static LauncherProcess run(Path launcher, Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(dir, "stdout", ".txt");
    Path stderr = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().put("DELTABOOST_NO_BUILD", "1");
    builder.environment().remove("DELTABOOST_LIBTORCH");
    builder.environment().remove("DELTABOOST_NATIVES");
    builder.environment().remove("DELTABOOST_MALLOC");
    builder.environment().remove("DELTABOOST_DEFAULT_JAVA_OPTS");
    builder.environment().remove("DELTABOOST_JAVA_OPTS");
    builder.environment().remove("MALLOC_MMAP_THRESHOLD_");
    builder.environment().remove("MALLOC_TRIM_THRESHOLD_");
    builder.environment().remove("MALLOC_ARENA_MAX");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", command) + ": still running after " + TIMEOUT_SECONDS + " s");
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    String prefix = env.isEmpty() ? "" : env + " ";
    return new LauncherProcess(
        process.exitValue(),
        out,
        err,
        "$ "
            + prefix
            + "deltaboost "
            + String.join(" ", args)
            + "\nstdout:\n"
            + out
            + "\nstderr:\n"
            + err);
  }
}
