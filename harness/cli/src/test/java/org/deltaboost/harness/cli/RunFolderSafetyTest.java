package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run folders through the CLI: names that would leave the runs folder are refused, a failed resume
 * leaves the folder byte-identical and a successful one keeps earlier records whole, a folder in
 * the checkpoint's place is refused before training, and a grid trial locked by another writer is
 * left to it.
 */
class RunFolderSafetyTest {

  private static final List<String> TRAIN =
      List.of(
          "train",
          "--dataset",
          "fashion-mnist-embedded",
          "--train-limit",
          "300",
          "--batch-size",
          "64",
          "--strategy",
          "exp-gb",
          "--seed",
          "2",
          "--progress",
          "never");

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private static CliRunner.Result train(Path runs, String... extra) {
    List<String> args = new ArrayList<>(TRAIN);
    args.addAll(List.of("--runs-dir", runs.toString()));
    args.addAll(List.of(extra));
    return CliRunner.once(args.toArray(String[]::new));
  }

  @Test
  void namesThatLeaveTheRunsFolderAreRefused(@TempDir Path dir) throws Exception {
    Path runs = dir.resolve("a/b/runs");
    Files.createDirectories(runs);
    CliRunner.Result escaped = train(runs, "--epochs", "1", "--run-id", "../../x");
    assertEquals(2, escaped.status(), escaped.out() + escaped.err());
    assertTrue(escaped.err().contains("--run-id '../../x' is not a folder name"), escaped.err());

    Path experiment = dir.resolve("escape.json");
    Files.writeString(
        experiment,
        """
        {"description": "escape", "paper": "none", "trials": 1, "targetError": 0.6,
         "strategies": ["../../../x"],
         "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 1, "trainLimit": 200},
         "perStrategy": {"../../../x": {"strategy": {"id": "linear"}}}}
        """);
    CliRunner.Result label =
        CliRunner.once(
            "compare",
            "--experiment",
            experiment.toString(),
            "--runs-dir",
            runs.toString(),
            "--progress",
            "never",
            "--no-report");
    assertEquals(2, label.status(), label.out() + label.err());
    assertTrue(label.err().contains("strategy label '../../../x'"), label.err());

    CliRunner.Result grid =
        CliRunner.once(
            "compare",
            "--experiment",
            "quick",
            "--grid",
            "../x",
            "--epochs",
            "1",
            "--trials",
            "1",
            "--runs-dir",
            runs.toString(),
            "--progress",
            "never",
            "--no-report");
    assertEquals(2, grid.status(), grid.out() + grid.err());
    assertTrue(grid.err().contains("--grid '../x' is not a folder name"), grid.err());

    CliRunner.Result tune =
        CliRunner.once(
            "tune",
            "--experiment",
            "quick",
            "--strategy",
            "linear",
            "--budget",
            "1",
            "--tuning-id",
            "..",
            "--runs-dir",
            runs.toString(),
            "--progress",
            "never");
    assertEquals(2, tune.status(), tune.out() + tune.err());
    assertTrue(tune.err().contains("--tuning-id '..' is not a folder name"), tune.err());

    // Nothing was written anywhere but the runs folder (which stays empty).
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> files =
          all.filter(Files::isRegularFile).filter(p -> !p.equals(experiment)).toList();
      assertEquals(List.of(), files);
    }
  }

  @Test
  void aFailedResumeLeavesTheFolderAsItWasAndASuccessfulOneKeepsEarlierProbes(@TempDir Path runs)
      throws Exception {
    CliRunner.Result first =
        train(
            runs,
            "--epochs",
            "1",
            "--run-id",
            "r",
            "--probe-gradient-rms",
            "--probe-delta-histogram-epochs",
            "1");
    assertEquals(0, first.status(), first.err());
    Path folder = runs.resolve("r");
    JsonNode epochOne = json.readTree(Files.readAllLines(folder.resolve("epochs.jsonl")).get(0));
    assertTrue(epochOne.has("gradientRms") && epochOne.has("deltaHistogram"), epochOne.toString());
    Path checkpoint = folder.resolve("checkpoint.bin");
    byte[] good = Files.readAllBytes(checkpoint);

    // 64 flipped bytes in the middle of the parameters.
    byte[] flipped = good.clone();
    for (int i = 0; i < 64; i++) {
      flipped[good.length / 2 + i] ^= (byte) 0x5A;
    }
    Files.write(checkpoint, flipped);
    Map<String, String> before = hashes(folder);
    CliRunner.Result damaged = train(runs, "--run-id", "r", "--resume", "--epochs", "2");
    assertEquals(1, damaged.status(), damaged.out() + damaged.err());
    assertTrue(damaged.err().contains("fails its CRC32C check"), damaged.err());
    assertEquals(1, damaged.err().lines().count(), damaged.err());
    assertEquals(before, hashes(folder));

    // Truncated: refused the same way, nothing touched.
    Files.write(checkpoint, java.util.Arrays.copyOf(good, good.length / 3));
    before = hashes(folder);
    CliRunner.Result truncated = train(runs, "--run-id", "r", "--resume", "--epochs", "2");
    assertEquals(1, truncated.status(), truncated.out() + truncated.err());
    assertEquals(before, hashes(folder));

    Files.write(checkpoint, good);
    CliRunner.Result resumed = train(runs, "--run-id", "r", "--resume", "--epochs", "2");
    assertEquals(0, resumed.status(), resumed.err());
    List<String> lines = Files.readAllLines(folder.resolve("epochs.jsonl"));
    assertEquals(2, lines.size());
    assertEquals(
        epochOne, json.readTree(lines.get(0)), "epoch 1's line, probes included, is kept whole");
    assertTrue(json.readTree(lines.get(1)).has("gradientRms"));
  }

  @Test
  void aFolderWhereTheCheckpointGoesIsRefusedBeforeTraining(@TempDir Path runs) throws Exception {
    Files.createDirectories(runs.resolve("d/checkpoint.bin"));
    CliRunner.Result result = train(runs, "--epochs", "1", "--run-id", "d");
    assertEquals(1, result.status(), result.out() + result.err());
    assertTrue(result.err().contains("where its checkpoint goes"), result.err());
    assertFalse(result.out().contains("epoch 1"), result.out());
    try (Stream<Path> files = Files.list(runs.resolve("d"))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void aTrialLockedByAnotherWriterIsLeftToItAndTheGridFinishesLater(@TempDir Path dir)
      throws Exception {
    Path experiment = dir.resolve("pair.json");
    Files.writeString(
        experiment,
        """
        {"description": "two trials", "paper": "none", "trials": 2, "targetError": 0.9,
         "strategies": ["linear"],
         "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 1, "trainLimit": 200,
                    "batchSize": 64}}
        """);
    Path runs = dir.resolve("runs");
    List<String> args =
        List.of(
            "compare",
            "--experiment",
            experiment.toString(),
            "--runs-dir",
            runs.toString(),
            "--progress",
            "never",
            "--no-report");
    Path trial = runs.resolve("pair/linear-s2");
    CliRunner.Result partial;
    try (RunFolderLock held = RunFolderLock.acquire(trial)) {
      assertEquals(trial, held.folder());
      partial = CliRunner.once(args.toArray(String[]::new));
    }
    assertEquals(CompareCommand.EXIT_INCOMPLETE, partial.status(), partial.out() + partial.err());
    assertTrue(
        partial
            .out()
            .contains("[linear s2] is being trained by pid " + ProcessHandle.current().pid()),
        partial.out());
    assertTrue(partial.out().contains("grid incomplete: 1 trial(s)"), partial.out());
    assertTrue(Files.exists(runs.resolve("pair/linear-s1/result.json")));
    assertFalse(Files.exists(runs.resolve("pair/summary.json")));

    CliRunner.Result rest = CliRunner.once(args.toArray(String[]::new));
    assertEquals(0, rest.status(), rest.out() + rest.err());
    assertTrue(rest.out().contains("[linear s1] already completed, skipped"), rest.out());
    assertEquals(
        2,
        json.readTree(runs.resolve("pair/summary.json").toFile())
            .at("/strategies/0/completed")
            .asInt());
  }

  /** SHA-256 of every file under {@code folder} but the lock file, by relative path. */
  private static Map<String, String> hashes(Path folder) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().equals(RunFolderLock.FILE)) {
          continue;
        }
        try {
          hashes.put(
              folder.relativize(file).toString(),
              HexFormat.of()
                  .formatHex(
                      MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      }
    }
    return hashes;
  }
}
