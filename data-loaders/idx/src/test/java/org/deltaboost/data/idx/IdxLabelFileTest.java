package org.deltaboost.data.idx;

import static org.deltaboost.data.idx.IdxFixtures.concat;
import static org.deltaboost.data.idx.IdxFixtures.images;
import static org.deltaboost.data.idx.IdxFixtures.labels;
import static org.deltaboost.data.idx.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.idx.IdxFixtures.Encoding;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdxLabelFileTest {
  @TempDir Path tmp;

  private Path file(Encoding encoding, byte[] content) {
    return write(tmp, encoding.fileName("labels-idx1-ubyte"), encoding.encode(content));
  }

  private String failure(Encoding encoding, byte[] content) {
    Path path = file(encoding, content);
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxLabelFile.read(path));
    assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    return e.getMessage();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void readsLabelsAsUnsignedBytes(Encoding encoding) throws IOException {
    IdxLabelFile file = IdxLabelFile.read(file(encoding, labels(9, 0, 255, 3)));
    assertEquals(4, file.count());
    assertArrayEquals(new int[] {9, 0, 255, 3}, file.labels());
    assertEquals(255, file.label(2));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsZeroLabels(Encoding encoding) {
    assertTrue(
        failure(encoding, labels())
            .endsWith(
                "count: expected at least 1 label (a split without samples can be neither trained"
                    + " nor evaluated), found 0"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsAnEmptyFile(Encoding encoding) {
    assertTrue(
        failure(encoding, new byte[0])
            .endsWith("header: expected an IDX header of 8 bytes, found an empty file"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsAnImageFileGivenAsLabels(Encoding encoding) {
    assertTrue(
        failure(encoding, images(1, 1, 1))
            .endsWith(
                "magic number: expected 0x00000801 (IDX unsigned-byte labels, 1 dimension),"
                    + " found 0x00000803 (IDX unsigned-byte images, 3 dimensions)"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsATruncatedHeader(Encoding encoding) {
    assertTrue(
        failure(encoding, Arrays.copyOf(labels(1, 2), 6))
            .endsWith("header: expected 8 bytes, found only 6 (file truncated)"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsTruncatedLabels(Encoding encoding) {
    assertTrue(
        failure(encoding, Arrays.copyOf(labels(1, 2, 3, 4), 8 + 3))
            .endsWith("data: expected count = 4 bytes after the header, found 3 (file truncated)"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsTrailingBytes(Encoding encoding) {
    assertTrue(
        failure(encoding, concat(labels(1, 2), new byte[] {0}))
            .endsWith(
                "end of data: expected the end of the file after 2 bytes of data,"
                    + " found 1 trailing byte"));
  }
}
