package org.deltaboost.data.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitListFileTest {
  @TempDir Path tmp;

  @Test
  void aListOverTheSizeCapIsRefusedUnread() throws IOException {
    Path list = tmp.resolve("train.txt");
    try (RandomAccessFile sparse = new RandomAccessFile(list.toFile(), "rw")) {
      sparse.setLength(17L << 20); // sparse: nothing written, nothing read
    }
    DatasetFormatException e =
        assertThrows(
            DatasetFormatException.class,
            () ->
                SplitListFile.read(
                    list, id -> new SegmentationExample(id, tmp.resolve(id), tmp.resolve(id))));
    assertEquals(
        list + ": file size: expected at most 16777216 bytes, found 17825792 bytes",
        e.getMessage());
  }
}
