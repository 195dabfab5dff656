package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFileTest {
  @TempDir Path tmp;

  @Test
  void findsAFileAndNothingWhereNothingIs() throws IOException {
    Path file = Files.writeString(tmp.resolve("a.bin"), "x");
    assertEquals(Optional.of(file), DatasetFile.find(tmp, "a.bin"));
    assertEquals(Optional.empty(), DatasetFile.find(tmp, "b.bin"));
  }

  @Test
  void aFolderByTheFilesNameIsAnError() throws IOException {
    Path folder = Files.createDirectory(tmp.resolve("a.bin"));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> DatasetFile.find(tmp, "a.bin"));
    assertEquals(
        folder + ": dataset file: expected a readable file, found a folder", e.getMessage());
  }

  @Test
  void aLinkToNothingIsAnError() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("a.bin"), tmp.resolve("gone"));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> DatasetFile.find(tmp, "a.bin"));
    assertEquals(
        link + ": dataset file: expected a readable file, found a link to nothing", e.getMessage());
  }
}
