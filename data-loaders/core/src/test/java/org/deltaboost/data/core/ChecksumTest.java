package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deltaboost.data.core.Checksum.Algorithm;
import org.junit.jupiter.api.Test;

class ChecksumTest {
  @Test
  void parsesAndPrintsTheDataFileForm() {
    Checksum md5 = Checksum.parse("md5:C32A1D4AB5D03F1284B67883E8D87530");
    assertEquals(Algorithm.MD5, md5.algorithm());
    assertEquals("c32a1d4ab5d03f1284b67883e8d87530", md5.hex());
    assertEquals("md5:c32a1d4ab5d03f1284b67883e8d87530", md5.toString());
    assertEquals(md5, Checksum.parse(md5.toString()));
    assertEquals(Algorithm.SHA_256, Checksum.parse("SHA-256:" + "0".repeat(64)).algorithm());
  }

  @Test
  void rejectsMalformedDigests() {
    assertEquals(
        "md5 checksum: expected 32 hex digits, found \"abc\"",
        assertThrows(IllegalArgumentException.class, () -> Checksum.parse("md5:abc")).getMessage());
    assertEquals(
        "sha256 checksum: expected 64 hex digits, found \"" + "g".repeat(64) + "\"",
        assertThrows(
                IllegalArgumentException.class, () -> Checksum.parse("sha256:" + "g".repeat(64)))
            .getMessage());
    assertEquals(
        "checksum algorithm: expected md5 or sha256, found \"sha1\"",
        assertThrows(IllegalArgumentException.class, () -> Checksum.parse("sha1:" + "0".repeat(40)))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Checksum.parse("c32a1d4ab5d03f1284b6"));
  }

  @Test
  void checkCommandIsCoreutilsInput() {
    assertEquals(
        "echo 'c32a1d4ab5d03f1284b67883e8d87530  cifar-10-binary.tar.gz' | md5sum -c",
        Checksum.parse("md5:c32a1d4ab5d03f1284b67883e8d87530")
            .checkCommand("cifar-10-binary.tar.gz"));
  }
}
