package org.deltaboost.data.idx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * Coverage-guided fuzz tests of the IDX readers (raw and gzip). The documented error is {@link
 * DatasetFormatException}; anything else, an {@link OutOfMemoryError} or an input that takes over a
 * second is a finding. {@code ./mvnw verify} replays the committed seeds in {@code
 * src/test/resources/org/deltaboost/data/idx/IdxFuzzTestInputs/}; {@code bench/fuzz} fuzzes.
 */
class IdxFuzzTest {

  @FuzzTest
  void imageFile(byte[] input) {
    try {
      IdxImageFile images = IdxImageFile.read(new ByteArrayInputStream(input), "fuzz-images");
      if ((long) images.count() * images.rows() * images.cols() != images.pixels().length) {
        throw new AssertionError("pixel count differs from the header's count×rows×cols");
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    } catch (IOException e) {
      throw new AssertionError("undocumented IOException: " + e, e);
    }
  }

  /**
   * The same bytes as a file: a file's size bounds the header's declaration, and a gzip file's
   * trailer (its last four bytes) may let the reader allocate the declared length at once.
   */
  @FuzzTest
  void imageFileOnDisk(byte[] input) {
    Path file;
    try {
      file = Files.createTempFile("fuzz-images", ".idx");
      Files.write(file, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      IdxImageFile images = IdxImageFile.read(file);
      if ((long) images.count() * images.rows() * images.cols() != images.pixels().length) {
        throw new AssertionError("pixel count differs from the header's count×rows×cols");
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    } catch (IOException e) {
      throw new AssertionError("undocumented IOException: " + e, e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @FuzzTest
  void labelFile(byte[] input) {
    try {
      IdxLabelFile.read(new ByteArrayInputStream(input), "fuzz-labels");
    } catch (DatasetFormatException expected) {
      // the documented error
    } catch (IOException e) {
      throw new AssertionError("undocumented IOException: " + e, e);
    }
  }
}
