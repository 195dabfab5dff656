package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltaboost.harness.mkl.MklVendorShim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MklShimCommandTest {

  @Test
  void writesTheShimAndPrintsWhere(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("native").resolve("shim.so");
    CliRunner.Result result = CliRunner.once("mkl-shim", "--write", target.toString());
    assertEquals(0, result.status(), result.err());
    assertEquals(target.toAbsolutePath().toString(), result.out().strip());
    assertArrayEquals(MklVendorShim.bytes(), Files.readAllBytes(target));
  }

  @Test
  void anUnwritablePathIsExit2NamingThePathAndWhy(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    Path underAFile = file.resolve("shim.so");
    CliRunner.Result result = CliRunner.once("mkl-shim", "--write", underAFile.toString());
    assertEquals(2, result.status());
    assertEquals(
        "deltaboost mkl-shim: cannot write the MKL vendor shim to "
            + underAFile
            + ": not a folder: "
            + file,
        result.err().strip());

    CliRunner.Result folder = CliRunner.once("mkl-shim", "--write", dir.toString());
    assertEquals(2, folder.status());
    assertTrue(
        folder.err().contains("cannot write the MKL vendor shim to " + dir + ": it is a folder"),
        folder.err());
  }

  @Test
  void thePathIsRequired() {
    CliRunner.Result result = CliRunner.once("mkl-shim");
    assertEquals(2, result.status());
    assertTrue(result.err().contains("Missing required option: '--write=PATH'"), result.err());
  }
}
