package org.deltaboost.data.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.deltaboost.data.core.DatasetFormatException;
import org.junit.jupiter.api.Test;

class CifarNamesFileTest {
  @Test
  void readsStrippedNamesAndDropsBlankLines() throws IOException {
    byte[] content = " airplane \r\n\nautomobile\n\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        List.of("airplane", "automobile"),
        CifarNamesFile.read(new ByteArrayInputStream(content), "names", content.length));
  }

  @Test
  void readsOnlyToOneBytePastTheCapWhenTheSizeIsUnknown() {
    byte[] line = new byte[200_000];
    Arrays.fill(line, (byte) 'a');
    ByteArrayInputStream in = new ByteArrayInputStream(line);
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> CifarNamesFile.read(in, "stream", -1));
    assertEquals(
        "stream: size: expected a class names file of at most 65536 bytes, found more than 65536"
            + " bytes",
        e.getMessage());
    assertEquals(200_000 - 65_537, in.available());
  }

  @Test
  void rejectsADeclaredSizeOverTheCapBeforeReading() {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[10]);
    DatasetFormatException e =
        assertThrows(
            DatasetFormatException.class, () -> CifarNamesFile.read(in, "entry", 1L << 31));
    assertEquals(
        "entry: size: expected a class names file of at most 65536 bytes, found 2147483648 bytes",
        e.getMessage());
    assertEquals(10, in.available());
  }
}
