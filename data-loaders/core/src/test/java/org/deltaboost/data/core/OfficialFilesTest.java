package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficialFilesTest {
  private static OfficialFiles parse(String... lines) throws DatasetFormatException {
    return OfficialFiles.parse(List.of(lines), "files.txt");
  }

  private static String failure(String... lines) {
    return assertThrows(DatasetFormatException.class, () -> parse(lines)).getMessage();
  }

  @Test
  void readsNamesSizesAndChecksumsSkippingCommentsAndBlankLines() throws IOException {
    String text =
        "# name bytes checksums\n"
            + "\n"
            + "cifar-10-binary.tar.gz   170052171   md5:c32a1d4ab5d03f1284b67883e8d87530  # CIFAR\n"
            + "other.tar  -  sha256:"
            + "a".repeat(64)
            + " md5:"
            + "b".repeat(32)
            + "\n"
            + "bare.bin 12\n";
    OfficialFiles files =
        OfficialFiles.read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "files.txt");
    assertEquals(3, files.size());
    assertEquals(
        new OfficialFile(
            "cifar-10-binary.tar.gz",
            170052171L,
            List.of(Checksum.parse("md5:c32a1d4ab5d03f1284b67883e8d87530"))),
        files.get("cifar-10-binary.tar.gz"));
    OfficialFile other = files.get("other.tar");
    assertTrue(other.knownSize().isEmpty());
    assertEquals(
        List.of(
            Checksum.parse("sha256:" + "a".repeat(64)), Checksum.parse("md5:" + "b".repeat(32))),
        other.checksums());
    assertEquals(new OfficialFile("bare.bin", 12, List.of()), files.get("bare.bin"));
    assertTrue(files.find("unknown").isEmpty());
    assertThrows(IllegalStateException.class, () -> files.get("unknown"));
  }

  @Test
  void namesTheLineAndFieldOfAMalformedEntry() {
    assertEquals(
        "files.txt line 2: fields: expected <name> <bytes or -> [<algorithm>:<hex> …], found"
            + " lonely",
        failure("# header", "lonely"));
    assertEquals(
        "files.txt line 1: bytes: expected a byte count or -, found \"12k\"", failure("a.bin 12k"));
    assertEquals(
        "files.txt line 1: bytes: expected a byte count or -, found \"-3\"", failure("a.bin -3"));
    assertEquals(
        "files.txt line 1: md5 checksum: expected 32 hex digits, found \"c32a\"",
        failure("a.bin - md5:c32a"));
    assertEquals(
        "files.txt line 2: name: expected each file listed once, found a.bin listed again",
        failure("a.bin 1", "a.bin 2"));
  }

  @Test
  void aMissingResourceIsNamed() {
    assertEquals(
        "official-files.txt: not found (a resource missing from the build?)",
        assertThrows(
                DatasetFormatException.class, () -> OfficialFiles.read(null, "official-files.txt"))
            .getMessage());
  }
}
