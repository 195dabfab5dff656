package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The independent evaluator {@code src/test/python/reference_evaluator.py}: numpy executes every
 * node of an exported file (read with Debian's {@code python3-onnx}, no ONNX Runtime), run with
 * {@code /usr/bin/python3}. Tests that need it are skipped (not failed) where that interpreter, its
 * {@code onnx} or its {@code numpy} package is missing.
 */
final class ReferenceEvaluator {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPT = Path.of("src/test/python/reference_evaluator.py");
  private static Boolean available;

  private ReferenceEvaluator() {}

  /** Skips the calling test unless {@code /usr/bin/python3 -c "import onnx, numpy"} works. */
  static synchronized void assumeAvailable() {
    if (available == null) {
      available =
          Files.isExecutable(PYTHON)
              && PythonOnnxChecker.python(List.of("-c", "import onnx, numpy")).exitCode() == 0;
    }
    assumeTrue(
        available,
        "the reference evaluator needs /usr/bin/python3 with onnx and numpy"
            + " (apt-get install python3-onnx python3-numpy)");
  }

  /**
   * What the evaluator computed: each graph output's values, flat and row-major, and the operator
   * types it executed, in order of first use.
   */
  record Outputs(Map<String, float[]> values, List<String> operators) {}

  /**
   * Evaluates {@code model} on the raw input bytes (uint8 pixels, or float32 little-endian values).
   *
   * @throws AssertionError with the evaluator's output if it fails
   */
  static Outputs evaluate(Path model, byte[] input, Path dir) throws IOException {
    Path out = Files.createTempDirectory(dir, "reference");
    PythonOnnxChecker.Result result = execute(model, input, out);
    if (result.exitCode() != 0) {
      throw new AssertionError("reference evaluator failed on " + model + ":\n" + result.output());
    }
    Map<String, float[]> values = new LinkedHashMap<>();
    List<String> operators = List.of();
    for (String line : result.output().split("\n")) {
      if (line.startsWith("ops: ")) {
        operators = List.of(line.substring("ops: ".length()).trim().split(" "));
      } else if (!line.isBlank()) {
        String name = line.substring(0, line.indexOf(' '));
        ByteBuffer bytes =
            ByteBuffer.wrap(Files.readAllBytes(out.resolve(name + ".f32")))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(v);
        values.put(name, v);
      }
    }
    return new Outputs(values, operators);
  }

  /** Runs the evaluator, writing its outputs to {@code out}; returns its status and output. */
  static PythonOnnxChecker.Result execute(Path model, byte[] input, Path out) throws IOException {
    Path in = Files.write(out.resolve("input.bin"), input);
    return PythonOnnxChecker.python(
        List.of(SCRIPT.toString(), model.toString(), in.toString(), out.toString()));
  }
}
