package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code python3-onnx} checker, {@code onnx.checker.check_model(onnx.load(path),
 * full_check=True)}, run with {@code /usr/bin/python3}. Tests that need it are skipped (not failed)
 * where that interpreter or its {@code onnx} package is missing.
 */
final class PythonOnnxChecker {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final String CHECK =
      "import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)";
  private static Boolean available;

  private PythonOnnxChecker() {}

  /** Skips the calling test unless {@code /usr/bin/python3 -c "import onnx"} works. */
  static synchronized void assumeAvailable() {
    if (available == null) {
      available = Files.isExecutable(PYTHON) && run("import onnx").exitCode() == 0;
    }
    assumeTrue(available, "/usr/bin/python3 with the onnx package (apt-get install python3-onnx)");
  }

  /** Runs the full check; returns the exit code and the checker's output. */
  static Result check(Path model) {
    return run(CHECK, model.toString());
  }

  record Result(int exitCode, String output) {}

  private static Result run(String script, String... args) {
    List<String> arguments = new ArrayList<>(List.of("-c", script));
    arguments.addAll(List.of(args));
    return python(arguments);
  }

  /**
   * Runs {@code /usr/bin/python3} with {@code arguments} for at most two minutes; returns its exit
   * status (-1 when it could not run or timed out) and its output, both streams.
   */
  static Result python(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(PYTHON.toString());
    command.addAll(arguments);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + output);
      }
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }
}
