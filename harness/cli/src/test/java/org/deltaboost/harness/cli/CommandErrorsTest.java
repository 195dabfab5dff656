package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * How {@code deltaboost} reports a failure: one line on standard error, the usage never printed for
 * an error that is not a usage error, and the exit status.
 */
class CommandErrorsTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private static void assertOneLine(CliRunner.Result result, int status, String line) {
    assertEquals(line, result.err().strip(), result.err());
    assertEquals(status, result.status(), result.err());
  }

  @Test
  void aFailureAfterParsingPrintsOneLineAndNoUsage(@TempDir Path dataDir) throws Exception {
    // IDX headers that say 0 images: loading succeeds, training has no step to take.
    Path dir = Files.createDirectories(dataDir.resolve("fashion-mnist"));
    for (String split : List.of("train", "t10k")) {
      Files.write(
          dir.resolve(split + "-images-idx3-ubyte"),
          ByteBuffer.allocate(16).putInt(0x803).putInt(0).putInt(28).putInt(28).array());
      Files.write(
          dir.resolve(split + "-labels-idx1-ubyte"),
          ByteBuffer.allocate(8).putInt(0x801).putInt(0).array());
    }
    CliRunner.Result result =
        CliRunner.once(
            "train",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            dataDir.toString(),
            "--epochs",
            "1",
            "--runs-dir",
            dataDir.resolve("runs").toString(),
            "--progress",
            "never");
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(result.err().startsWith("deltaboost: error: "), result.err());
    assertFalse(result.err().contains("Usage"), result.err());
    assertTrue(result.status() == 1 || result.status() == 2, result.err());
  }

  @Test
  void anUnwritableRunsDirSaysWhatCouldNotBeDoneToWhichPathAndWhy(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    CliRunner.Result result =
        CliRunner.once(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--train-limit",
            "64",
            "--epochs",
            "1",
            "--runs-dir",
            file.resolve("runs").toString(),
            "--run-id",
            "r",
            "--progress",
            "never");
    assertOneLine(
        result,
        1,
        "deltaboost: error: cannot create directory " + file.resolve("runs") + ": not a directory");
  }

  @Test
  void aMissingConfigFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("none.json");
    assertOneLine(
        CliRunner.once("train", "--config", missing.toString()),
        1,
        "deltaboost: error: config file " + missing + ": no such file");
  }

  @Test
  void aFolderAsConfigFileIsNamed(@TempDir Path dir) {
    assertOneLine(
        CliRunner.once("train", "--config", dir.toString()),
        1,
        "deltaboost: error: config file " + dir + ": is a directory, expected a JSON file");
  }

  @Test
  void aConfigFileInUtf16IsNamedWithTheFirstBadByte(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("utf16.json");
    Files.write(file, "{\"epochs\": 2}".getBytes(StandardCharsets.UTF_16LE));
    byte[] withBom = new byte[(int) Files.size(file) + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(Files.readAllBytes(file), 0, withBom, 2, withBom.length - 2);
    Files.write(file, withBom);
    CliRunner.Result result = CliRunner.once("train", "--config", file.toString());
    assertEquals(2, result.status(), result.err());
    assertEquals(
        "deltaboost train: config file " + file + ": not UTF-8 text (byte 0xFF at offset 0)",
        result.err().lines().findFirst().orElseThrow());
  }

  @Test
  void aDuplicateKeyInAConfigFileIsRefusedNamingKeyAndLine(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(dir.resolve("twice.json"), "{\n  \"epochs\": 2,\n  \"epochs\": 3\n}\n");
    CliRunner.Result result =
        CliRunner.once(
            "train", "--config", file.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(2, result.status(), result.err());
    assertEquals(
        "deltaboost train: config file "
            + file
            + ": not valid JSON: Duplicate field 'epochs' (line 3, column 11)",
        result.err().lines().findFirst().orElseThrow());
  }

  @Test
  void anEmptySetValueIsAnErrorNamingTheField(@TempDir Path runs) {
    CliRunner.Result result =
        CliRunner.once("train", "--set", "learningRate=", "--runs-dir", runs.toString());
    assertEquals(2, result.status(), result.err());
    assertEquals(
        "deltaboost train: --set learningRate: empty value, expected a number, true/false, a name or JSON",
        result.err().lines().findFirst().orElseThrow());
  }

  @Test
  void aUsageErrorPointsToTheHelpInsteadOfPrintingIt() {
    CliRunner.Result result = CliRunner.once("train", "--epochs", "0");
    assertEquals(2, result.status(), result.err());
    assertEquals(
        List.of(
            "deltaboost train: config: epochs must be >= 1, got 0",
            "See 'deltaboost train --help' for its options."),
        result.err().lines().toList());
  }

  @Test
  void anOutOfMemoryErrorIsOneLineSayingHowToGiveMore() {
    CliRunner.Result result = runThrowing(new OutOfMemoryError("Java heap space"));
    assertEquals(1, result.status(), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(
        result
            .err()
            .startsWith(
                "deltaboost: error: out of memory (Java heap space) with a heap of at most "),
        result.err());
    assertTrue(
        result.err().strip().matches(".*; give the JVM more, e.g. DELTABOOST_JAVA_OPTS=-Xmx\\d+g"),
        result.err());
  }

  @Test
  void aStackOverflowIsOneLine() {
    CliRunner.Result result = runThrowing(new StackOverflowError());
    assertOneLine(
        result,
        1,
        "deltaboost: error: out of stack space (input nested too deeply?); give threads more,"
            + " e.g. DELTABOOST_JAVA_OPTS=-Xss16m");
  }

  @Test
  void anIoErrorWithoutAPathKeepsItsMessageOnOneLine() {
    assertOneLine(
        runThrowing(new java.io.IOException("first\nsecond")),
        1,
        "deltaboost: error: first\\nsecond");
  }

  @Test
  void anExceptionWithoutAMessageNamesItsTypeAndWhere() {
    CliRunner.Result result = runThrowing(new NullPointerException());
    assertEquals(1, result.status(), result.err());
    assertTrue(
        result
            .err()
            .startsWith("deltaboost: error: internal error: java.lang.NullPointerException at "),
        result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
  }

  /** Runs {@code deltaboost throw}, a command added here that throws {@code failure}. */
  private static CliRunner.Result runThrowing(Throwable failure) {
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.addSubcommand("throw", new CommandLine(new Thrower(failure)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute("throw");
    return new CliRunner.Result(status, out.toString(), err.toString());
  }

  @Command(name = "throw")
  static final class Thrower implements Callable<Integer> {
    private final Throwable failure;

    Thrower(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      if (failure instanceof Error error) {
        throw error;
      }
      throw (Exception) failure;
    }
  }
}
