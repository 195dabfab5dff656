package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.deltaboost.harness.grid.ChildProcessExecutor;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare --parallel 2}: trials in child processes ({@code deltaboost trial}). */
class ParallelCompareTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void twoChildProcessesGiveTheSequentialSummaryNumberForNumber(@TempDir Path dir)
      throws Exception {
    TinyGrid tiny =
        TinyGrid.write(
            dir,
            "tiny",
            "\"softmax-ce\", \"exp-gb\"",
            1,
            "\"epochs\": 2, \"trainLimit\": 400, \"batchSize\": 64");
    CliRunner.Result sequential = CliRunner.once(tiny.compare("sequential"));
    assertEquals(0, sequential.status(), sequential.err() + sequential.out());

    CliRunner.Result parallel = CliRunner.once(tiny.compare("parallel", "--parallel", "2"));
    assertEquals(0, parallel.status(), parallel.err() + parallel.out());
    assertTrue(
        parallel.out().contains("[grid] 0 done / 2 running / 0 pending / 0 failed"),
        parallel.out());
    assertTrue(
        parallel.out().contains("[grid] 2 done / 0 running / 0 pending / 0 failed"),
        parallel.out());
    assertEquals(tiny.summaries("sequential"), tiny.summaries("parallel"));
    Path logs = tiny.folder("parallel").resolve(ChildProcessExecutor.LOGS);
    try (Stream<Path> files = Files.list(logs)) {
      assertEquals(2, files.count());
    }
    assertTrue(
        Files.readString(logs.resolve("exp-gb-s1.log")).contains("[exp-gb s1] finished"),
        Files.readString(logs.resolve("exp-gb-s1.log")));

    // again: every trial has finished, none is started
    CliRunner.Result again = CliRunner.once(tiny.compare("parallel", "--parallel", "2"));
    assertEquals(0, again.status(), again.err());
    assertEquals(2, again.out().lines().filter(l -> l.contains("skipped")).count(), again.out());
    assertTrue(!again.out().contains("[grid]"), again.out());
  }

  @Test
  void executorOptionsThatDoNotFitAreUsageErrors(@TempDir Path dir) throws Exception {
    TinyGrid tiny = TinyGrid.write(dir, "tiny", "\"softmax-ce\"", 1, "\"epochs\": 1");
    for (String[] wrong :
        new String[][] {
          tiny.compare("g", "--max-parallel", "2"),
          tiny.compare("g", "--parallel", "0"),
          tiny.compare("g", "--executor", "slurm", "--parallel", "2"),
          tiny.compare("g", "--no-wait"),
          tiny.compare("g", "--executor", "slurm", "--slurm-option", "partition=x"),
        }) {
      CliRunner.Result r = CliRunner.once(wrong);
      assertEquals(2, r.status(), String.join(" ", wrong) + "\n" + r.err() + r.out());
    }
  }
}
