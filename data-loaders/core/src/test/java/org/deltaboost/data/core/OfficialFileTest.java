package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.FileVerification.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digests of {@code "abc"} are the published test vectors: MD5 from RFC 1321 appendix A.5, SHA-256
 * from FIPS 180-2 appendix B.1 (also {@code printf abc | md5sum}, {@code | sha256sum}).
 */
class OfficialFileTest {
  private static final Checksum MD5_ABC = Checksum.parse("md5:900150983cd24fb0d6963f7d28e17f72");
  private static final Checksum SHA256_ABC =
      Checksum.parse("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  @TempDir Path tmp;

  private Path abc() throws IOException {
    return Files.writeString(tmp.resolve("abc.bin"), "abc", StandardCharsets.US_ASCII);
  }

  @Test
  void verifiesAFileWhoseSizeAndDigestsMatch() throws IOException {
    Path file = abc();
    FileVerification verification =
        new OfficialFile("abc.bin", 3, List.of(MD5_ABC, SHA256_ABC)).verify(file);
    assertEquals(Outcome.VERIFIED, verification.outcome());
    assertEquals(file, verification.file());
    assertEquals(
        MD5_ABC + ", " + SHA256_ABC + " matches the official abc.bin", verification.detail());
  }

  @Test
  void reportsTheDigestThatDiffers() throws IOException {
    Path file = Files.writeString(tmp.resolve("abd.bin"), "abd", StandardCharsets.US_ASCII);
    OfficialFile official = new OfficialFile("abc.bin", -1, List.of(MD5_ABC));
    FileVerification verification = official.verify(file);
    assertEquals(Outcome.MISMATCH, verification.outcome());
    // printf abd | md5sum
    assertEquals(
        "md5: expected 900150983cd24fb0d6963f7d28e17f72 (official abc.bin), found"
            + " 4911e516e5aa21d327512e0c8b197616",
        verification.detail());
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> official.requireValid(file));
    assertEquals(
        file
            + ": "
            + verification.detail()
            + " — the file is damaged or not the official release; download it again",
        e.getMessage());
  }

  @Test
  void aWrongSizeIsReportedBeforeHashing() throws IOException {
    FileVerification verification = new OfficialFile("abc.bin", 4, List.of(MD5_ABC)).verify(abc());
    assertEquals(Outcome.MISMATCH, verification.outcome());
    assertEquals("size: expected 4 bytes (official abc.bin), found 3", verification.detail());
  }

  @Test
  void withoutPublishedDigestsAFileIsUnchecked() throws IOException {
    FileVerification verification = new OfficialFile("abc.bin", 3, List.of()).requireValid(abc());
    assertEquals(Outcome.UNCHECKED, verification.outcome());
    assertEquals("no published checksum for abc.bin; size matches", verification.detail());
  }

  @Test
  void anEmptyFileHasTheEmptyDigest() throws IOException {
    Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
    // printf '' | md5sum
    Checksum md5Empty = Checksum.parse("md5:d41d8cd98f00b204e9800998ecf8427e");
    assertEquals(
        Outcome.VERIFIED, new OfficialFile("empty", 0, List.of(md5Empty)).verify(empty).outcome());
  }

  @Test
  void rejectsAnInvalidDescription() {
    assertThrows(IllegalArgumentException.class, () -> new OfficialFile(" ", 1, List.of()));
    assertEquals(
        "x: size: expected a byte count or -1 for unknown, found -5",
        assertThrows(IllegalArgumentException.class, () -> new OfficialFile("x", -5, List.of()))
            .getMessage());
  }
}
