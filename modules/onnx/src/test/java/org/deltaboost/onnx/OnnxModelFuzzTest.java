package org.deltaboost.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.InputNormalization;

/**
 * Coverage-guided fuzz tests of what {@code infer} does with a model file: {@link OnnxModel#load}
 * (ONNX Runtime's parsing, then our checks of the inputs and outputs), {@link
 * OnnxModel#metadata()}, and one run of a zero sample (black pixels for a pixel-input model); and
 * {@link ExportMetadata#fromProperties} (with {@link InputNormalization#parse}) on its own. The
 * documented error is {@link OnnxException}; anything else, an {@link OutOfMemoryError} or an input
 * that takes over a second is a finding. {@code ./mvnw verify} replays the committed seeds in
 * {@code src/test/resources/org/deltaboost/onnx/OnnxModelFuzzTestInputs/} (written by {@link
 * OnnxModelFuzzSeeds}).
 */
class OnnxModelFuzzTest {

  /** The metadata keys, in the order {@link #metadata(byte[])} fills them. */
  static final List<String> KEYS =
      List.of(
          "strategy",
          "alpha",
          "beta",
          "negative_target",
          "positive_target",
          "dataset",
          "class_names",
          "input_normalization",
          "run_id");

  /** The largest sample run through a loaded model: bigger ones are only loaded. */
  private static final long MAX_RUN_VALUES = 1 << 16;

  /** One file per JVM, rewritten for each input: ONNX Runtime loads from a path. */
  private static final Path FILE = temporaryFile();

  @FuzzTest
  void modelFile(byte[] input) throws IOException {
    Files.write(FILE, input);
    try (OnnxModel model = OnnxModel.load(FILE)) {
      model.metadata();
      long[] sample = model.sampleShape();
      long values = 1;
      for (long d : sample) {
        values = Math.multiplyExact(values, d);
      }
      if (values > MAX_RUN_VALUES) {
        return;
      }
      long[] shape = new long[sample.length + 1];
      shape[0] = 1;
      System.arraycopy(sample, 0, shape, 1, sample.length);
      if (model.inputForm() == InputForm.PIXELS) {
        byte[] black = new byte[(int) values];
        if (model.dense()) {
          model.runDense(black, shape);
        } else if (model.run(black, shape).logits()[0].length != model.numClasses()) {
          throw new AssertionError("logits row differs from the model's class count");
        }
        return;
      }
      float[] zeros = new float[(int) values];
      if (model.dense()) {
        model.runDense(zeros, shape);
      } else if (model.run(zeros, shape).logits()[0].length != model.numClasses()) {
        throw new AssertionError("logits row differs from the model's class count");
      }
    } catch (OnnxException expected) {
      // the documented error
    } catch (ArithmeticException tooLarge) {
      // a sample with more than 2^63 values: load() accepted it; nothing to run
    }
  }

  /**
   * The input is the UTF-8 values of {@link #KEYS}, separated by NUL characters; keys without a
   * value are absent.
   */
  @FuzzTest
  void metadata(byte[] input) {
    String[] values = new String(input, StandardCharsets.UTF_8).split("\0", -1);
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(values.length, KEYS.size()); i++) {
      properties.put(ExportMetadata.PREFIX + KEYS.get(i), values[i]);
    }
    try {
      ExportMetadata read = ExportMetadata.fromProperties(properties, "fuzz.onnx");
      if (!ExportMetadata.fromProperties(read.toProperties(), "again").equals(read)) {
        throw new AssertionError("metadata does not read back as written: " + read);
      }
    } catch (OnnxException expected) {
      // the documented error
    }
  }

  private static Path temporaryFile() {
    try {
      Path file = Files.createTempFile("onnx-fuzz", ".onnx");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
