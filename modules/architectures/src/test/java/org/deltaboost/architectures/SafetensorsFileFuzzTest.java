package org.deltaboost.architectures;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Coverage-guided fuzz test of {@link SafetensorsFile}: header length, header JSON, offsets and
 * data. The documented error is {@link WeightFileException}; anything else, an {@link
 * OutOfMemoryError} or an input that takes over a second is a finding. Every tensor of a file that
 * opens must report its shape and dtype, and a floating-point one must read as exactly
 * shape-product values. {@code ./mvnw verify} replays the committed seeds in {@code
 * src/test/resources/org/deltaboost/architectures/SafetensorsFileFuzzTestInputs/}.
 */
class SafetensorsFileFuzzTest {

  private static final Set<String> FLOAT_DTYPES = Set.of("F64", "F32", "F16", "BF16");

  /** One file per JVM, rewritten for each input: the reader takes a path. */
  private static final Path FILE = temporaryFile();

  @FuzzTest
  void open(byte[] input) throws IOException {
    Files.write(FILE, input);
    try {
      SafetensorsFile weights = SafetensorsFile.open(FILE);
      for (String name : weights.names()) {
        long[] shape = weights.shape(name);
        if (!FLOAT_DTYPES.contains(weights.dtype(name))) {
          continue;
        }
        long count = 1;
        for (long d : shape) {
          count *= d; // cannot overflow: open() checked count × dtype size
        }
        if (weights.floats(name).length != count) {
          throw new AssertionError("tensor " + name + ": float count differs from its shape");
        }
      }
    } catch (WeightFileException expected) {
      // the documented error
    }
  }

  private static Path temporaryFile() {
    try {
      Path file = Files.createTempFile("safetensors-fuzz", ".safetensors");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
