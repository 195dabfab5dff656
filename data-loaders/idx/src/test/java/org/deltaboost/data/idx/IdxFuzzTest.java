package org.deltaboost.data.idx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
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
    } catch (java.io.IOException e) {
      throw new AssertionError("undocumented IOException: " + e, e);
    }
  }

  @FuzzTest
  void labelFile(byte[] input) {
    try {
      IdxLabelFile.read(new ByteArrayInputStream(input), "fuzz-labels");
    } catch (DatasetFormatException expected) {
      // the documented error
    } catch (java.io.IOException e) {
      throw new AssertionError("undocumented IOException: " + e, e);
    }
  }
}
