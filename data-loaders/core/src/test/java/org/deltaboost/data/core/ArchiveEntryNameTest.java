package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveEntryNameTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    "cifar-10-batches-bin/test_batch.bin, cifar-10-batches-bin/test_batch.bin",
    "./cifar-10-batches-bin/, cifar-10-batches-bin",
    "a//b/./c, a/b/c",
    "a\\b.bin, a/b.bin",
    "..a/b.., ..a/b.."
  })
  void normalizesHarmlessNames(String stored, String expected) throws DatasetFormatException {
    assertEquals(expected, ArchiveEntryName.check("x.tar", stored));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "\\\\server\\share\\x", "C:\\evil.bin", "c:evil"})
  void rejectsAbsoluteNames(String stored) {
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> ArchiveEntryName.check("x.tar", stored));
    assertEquals(
        "x.tar: entry \""
            + stored
            + "\": expected a relative path without '..' inside the archive, found an absolute"
            + " path (rejected; nothing is read from or written for it)",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.bin", "a/../../evil.bin", "a/..", "a\\..\\..\\evil"})
  void rejectsClimbingNames(String stored) {
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> ArchiveEntryName.check("x.tar", stored));
    assertEquals(
        "x.tar: entry \""
            + stored
            + "\": expected a relative path without '..' inside the archive, found a '..' segment"
            + " (rejected; nothing is read from or written for it)",
        e.getMessage());
  }

  @Test
  void rejectsEmptyNames() {
    assertThrows(DatasetFormatException.class, () -> ArchiveEntryName.check("x.tar", "./"));
  }

  @Test
  void resolvesInsideTheTarget() throws IOException {
    Path target = Files.createDirectories(tmp.resolve("out"));
    assertEquals(
        target.toAbsolutePath().resolve("d/f.bin"),
        ArchiveEntryName.resolveInside("x.tar", target, "./d/f.bin"));
    assertThrows(
        DatasetFormatException.class,
        () -> ArchiveEntryName.resolveInside("x.tar", target, "d/../../f.bin"));
  }
}
