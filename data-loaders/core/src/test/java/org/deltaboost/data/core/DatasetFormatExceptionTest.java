package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DatasetFormatExceptionTest {
  @Test
  void mismatchNamesSourceFieldExpectedAndFound() {
    DatasetFormatException e =
        DatasetFormatException.mismatch("/data/x.idx", "magic number", "0x00000803", "0x00000801");
    assertEquals(
        "/data/x.idx: magic number: expected 0x00000803, found 0x00000801", e.getMessage());
    assertInstanceOf(IOException.class, e);
  }
}
