package org.deltaboost.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriteTest {

  @Test
  void aFailedWriteLeavesTheTargetAndNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("summary.json");
    AtomicFileWrite.write(target, "first\n".getBytes(StandardCharsets.UTF_8));
    byte[] before = Files.readAllBytes(target);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFileWrite.write(
                    target,
                    out -> {
                      out.write("half of the second".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void theNewFileReplacesTheOldOneAndIsReadableByOthers(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("epochs.jsonl");
    AtomicFileWrite.write(target, "a".getBytes(StandardCharsets.UTF_8));
    AtomicFileWrite.write(target, "b".getBytes(StandardCharsets.UTF_8));
    assertEquals("b", Files.readString(target));
    if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
      assertEquals(
          "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }
  }
}
