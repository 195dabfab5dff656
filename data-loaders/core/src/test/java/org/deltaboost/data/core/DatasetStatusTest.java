package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DatasetStatus.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStatusTest {
  @TempDir Path tmp;

  @Test
  void aUsableDatasetReportsWhereAndWhatWasChecked() {
    Path archive = tmp.resolve("cifar-10/cifar-10-binary.tar.gz");
    DatasetStatus status =
        new DatasetStatus(
            "cifar-10",
            State.VERIFIED,
            archive,
            "md5 matches",
            List.of(tmp.resolve("cifar-10")),
            List.of("download it"));
    assertTrue(status.usable());
    assertEquals(archive, status.foundAt().orElseThrow());
    assertEquals("cifar-10: VERIFIED at " + archive + "\n  md5 matches", status.report());
  }

  @Test
  void aMissingDatasetReportsThePlacesSearchedAndTheSteps() throws IOException {
    Path existing = Files.createDirectories(tmp.resolve("a/cifar-10"));
    Path absent = tmp.resolve("b/cifar-10");
    DatasetStatus status =
        DatasetStatus.missing(
            "cifar-10", List.of(existing, absent), List.of("Download X.", "Put it in Y."));
    assertFalse(status.usable());
    assertTrue(status.foundAt().isEmpty());
    assertEquals(
        "cifar-10: MISSING\n"
            + "  not found\n"
            + "  looked in, in order:\n"
            + "    "
            + existing
            + " (exists)\n"
            + "    "
            + absent
            + " (does not exist)\n"
            + "  to get it:\n"
            + "    1. Download X.\n"
            + "    2. Put it in Y.",
        status.report());
  }

  @Test
  void aLocationIsGivenExactlyWhenFound() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DatasetStatus("d", State.MISSING, tmp, "x", List.of(), List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DatasetStatus("d", State.INVALID, null, "x", List.of(), List.of()));
  }
}
