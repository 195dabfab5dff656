package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deltaboost.harness.experiments.Experiment;
import org.deltaboost.harness.grid.GridPlan;
import org.deltaboost.harness.grid.SlurmExecutor;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.checkpoint.CheckpointFile;
import org.deltaboost.harness.tuning.ConfigurationOutcome;
import org.deltaboost.harness.tuning.TuningRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --executor slurm} against a real Slurm cluster (scripts/slurm-local start; SLURM_CONF
 * exported): skipped, saying why, where {@code sinfo} cannot reach one.
 */
class SlurmGridTest {

  private static final Pattern TASK_LINE =
      Pattern.compile("deltaboost task \\S+ trial \\d+ (start|end) (\\S+).*");

  /** Why no test here can run, or {@code null} when a cluster answers. */
  private static String noCluster;

  @BeforeAll
  static void clusterAndEngine() throws Exception {
    noCluster = whyNoCluster();
    if (noCluster != null) {
      System.err.println("SlurmGridTest skipped: " + noCluster);
      return;
    }
    EngineSetup.configure();
  }

  @BeforeEach
  void requireCluster() {
    Assumptions.assumeTrue(noCluster == null, noCluster);
  }

  private static String whyNoCluster() throws Exception {
    String advice = "; start one with scripts/slurm-local start and export SLURM_CONF";
    Path said = Files.createTempFile("sinfo", ".out");
    try {
      Process sinfo;
      try {
        sinfo =
            new ProcessBuilder("sinfo", "--noheader", "--format=%a")
                .redirectErrorStream(true)
                .redirectOutput(said.toFile())
                .start();
      } catch (IOException e) {
        return "no Slurm client here (sinfo cannot run: " + e.getMessage() + ")" + advice;
      }
      if (!sinfo.waitFor(20, TimeUnit.SECONDS)) {
        sinfo.destroyForcibly();
        return "sinfo did not answer within 20 s (no controller reachable)" + advice;
      }
      String output = Files.readString(said).strip().replace('\n', ' ');
      if (sinfo.exitValue() != 0 || !output.contains("up")) {
        return "sinfo found no Slurm partition up (exit status "
            + sinfo.exitValue()
            + ": "
            + output
            + ")"
            + advice;
      }
      return null;
    } finally {
      Files.deleteIfExists(said);
    }
  }

  @Test
  void aJobArrayFinishesEveryTrialAtMostTwoAtATimeWithTheLocalSummary(@TempDir Path dir)
      throws Exception {
    TinyGrid tiny =
        TinyGrid.write(
            dir,
            "tiny",
            "\"softmax-ce\", \"exp-gb\"",
            3,
            "\"epochs\": 2, \"trainLimit\": 400, \"batchSize\": 64");
    CliRunner.Result local = CliRunner.once(tiny.compare("local"));
    assertEquals(0, local.status(), local.err() + local.out());

    String[] slurm =
        tiny.compare("slurm", "--executor", "slurm", "--max-parallel", "2", "--poll-seconds", "1");
    CliRunner.Result onSlurm = CliRunner.once(slurm);
    assertEquals(0, onSlurm.status(), onSlurm.err() + onSlurm.out());
    assertTrue(
        onSlurm.out().contains("[grid] 6 done / 0 running / 0 pending / 0 failed"), onSlurm.out());
    assertEquals(tiny.summaries("local"), tiny.summaries("slurm"));

    Path slurmFolder = tiny.folder("slurm").resolve(SlurmExecutor.FOLDER);
    List<String> jobs = Files.readAllLines(slurmFolder.resolve(SlurmExecutor.JOBS));
    assertEquals(1, jobs.size());
    assertTrue(jobs.get(0).endsWith(" 0-5%2"), jobs.get(0));
    // every task's start and end, from its log: never more than two at once
    List<Instant[]> spans = new ArrayList<>();
    try (Stream<Path> logs = Files.list(slurmFolder.resolve("logs"))) {
      for (Path log : logs.toList()) {
        Instant start = null;
        Instant end = null;
        for (String line : Files.readAllLines(log)) {
          Matcher m = TASK_LINE.matcher(line);
          if (m.matches()) {
            Instant at = Instant.parse(m.group(2));
            if (m.group(1).equals("start")) {
              start = at;
            } else {
              end = at;
              assertTrue(line.endsWith("status 0"), log + ": " + line);
            }
          }
        }
        assertTrue(start != null && end != null, log + " has no start and end line");
        spans.add(new Instant[] {start, end});
      }
    }
    assertEquals(6, spans.size());
    int most = 0;
    for (Instant[] span : spans) {
      // tasks running at this one's start: started at or before it and not ended before it
      int overlapping =
          (int) spans.stream().filter(o -> !o[0].isAfter(span[0]) && o[1].isAfter(span[0])).count();
      most = Math.max(most, overlapping);
    }
    assertTrue(most <= 2, most + " tasks overlapped");

    // again: every trial has finished, nothing is submitted
    CliRunner.Result again = CliRunner.once(slurm);
    assertEquals(0, again.status(), again.err());
    assertEquals(6, again.out().lines().filter(l -> l.contains("skipped")).count(), again.out());
    assertEquals(1, Files.readAllLines(slurmFolder.resolve(SlurmExecutor.JOBS)).size());
    Files.delete(tiny.folder("slurm").resolve("summary.json"));
    CliRunner.Result collected = CliRunner.once(tiny.compare("slurm", "--collect"));
    assertEquals(0, collected.status(), collected.err() + collected.out());
    assertEquals(tiny.summaries("local"), tiny.summaries("slurm"));
  }

  @Test
  void aCancelledTaskIsListedAndTheNextRunResumesOnlyItFromItsCheckpoint(@TempDir Path dir)
      throws Exception {
    TinyGrid tiny =
        TinyGrid.write(
            dir,
            "slow",
            "\"softmax-ce\"",
            2,
            "\"epochs\": 3, \"trainLimit\": 600, \"batchSize\": 8");
    // the uninterrupted trial 1, run here from the same plan
    Path local = tiny.folder("local");
    GridPlan.of(Experiment.load(tiny.experiment().toString()), List.of(), Map.of(), local).write();
    CliRunner.Result whole = CliRunner.once("trial", "--grid", local.toString(), "--index", "1");
    assertEquals(0, whole.status(), whole.err() + whole.out());

    String[] slurm =
        tiny.compare("slurm", "--executor", "slurm", "--max-parallel", "2", "--poll-seconds", "1");
    CompletableFuture<CliRunner.Result> first =
        CompletableFuture.supplyAsync(() -> CliRunner.once(slurm));
    Path trial = tiny.folder("slurm").resolve("softmax-ce-s2");
    Path epochs = trial.resolve("epochs.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!(Files.exists(epochs) && Files.readAllLines(epochs).size() >= 1)) {
      assertFalse(
          first.isDone(), () -> "the grid ended before trial 1's first epoch: " + first.join());
      assertTrue(System.nanoTime() < deadline, "trial 1 recorded no epoch within 240 s");
      Thread.sleep(20);
    }
    Path jobsFile = tiny.folder("slurm").resolve(SlurmExecutor.FOLDER).resolve(SlurmExecutor.JOBS);
    String job = Files.readAllLines(jobsFile).get(0).split(" ")[0];
    Process scancel = new ProcessBuilder("scancel", job + "_1").inheritIO().start();
    assertEquals(0, scancel.waitFor());
    CliRunner.Result cancelled = first.get(300, TimeUnit.SECONDS);
    assertEquals(1, cancelled.status(), cancelled.err() + cancelled.out());
    Path log = log(tiny.folder("slurm"), job, 1);
    assertTrue(
        cancelled
            .out()
            .contains(
                "[softmax-ce s2] failed: array task "
                    + job
                    + "_1 ended with the trial unfinished; log: "
                    + log),
        cancelled.out());
    assertFalse(RunRecord.read(trial).finished(3), "the trial finished before the cancel");
    assertTrue(new CheckpointFile(trial).exists(), "no checkpoint after the first epoch");
    assertTrue(Files.exists(tiny.folder("slurm").resolve("softmax-ce-s1/result.json")));

    CliRunner.Result collected = CliRunner.once(tiny.compare("slurm", "--collect"));
    assertEquals(CompareCommand.EXIT_INCOMPLETE, collected.status(), collected.err());
    assertTrue(
        collected
            .out()
            .contains("grid incomplete: 1 of 2 trial(s) not finished yet: [softmax-ce s2]"),
        collected.out());

    CliRunner.Result rerun = CliRunner.once(slurm);
    assertEquals(0, rerun.status(), rerun.err() + rerun.out());
    List<String> jobs = Files.readAllLines(jobsFile);
    assertEquals(2, jobs.size(), jobs.toString());
    assertTrue(jobs.get(1).endsWith(" 1%2"), jobs.get(1)); // only the cancelled trial
    String second = jobs.get(1).split(" ")[0];
    assertTrue(
        Files.readString(log(tiny.folder("slurm"), second, 1)).contains("resuming after epoch"),
        Files.readString(log(tiny.folder("slurm"), second, 1)));
    ObjectMapper json = new ObjectMapper();
    List<String> resumed = Files.readAllLines(epochs);
    List<String> uninterrupted = Files.readAllLines(local.resolve("softmax-ce-s2/epochs.jsonl"));
    assertEquals(3, resumed.size());
    for (int i = 0; i < 3; i++) {
      JsonNode a = json.readTree(uninterrupted.get(i));
      JsonNode b = json.readTree(resumed.get(i));
      assertEquals(
          a.get("trainLoss").asDouble(), b.get("trainLoss").asDouble(), "epoch " + (i + 1));
      assertEquals(
          a.get("testError").asDouble(), b.get("testError").asDouble(), "epoch " + (i + 1));
    }
  }

  @Test
  void aTrialThatFailsIsListedWithItsLogAndTheCommandExitsNonZero(@TempDir Path dir)
      throws Exception {
    TinyGrid broken =
        TinyGrid.write(
            dir,
            "broken",
            "\"softmax-ce\"",
            1,
            "\"epochs\": 1, \"trainLimit\": 100, \"dataset\": \"mnist\", \"dataDir\": \""
                + dir.resolve("no-such-data")
                + "\"");
    CliRunner.Result failed =
        CliRunner.once(broken.compare("g", "--executor", "slurm", "--poll-seconds", "1"));
    assertEquals(1, failed.status(), failed.err() + failed.out());
    assertTrue(failed.out().contains("1 trial(s) failed"), failed.out());
    String job =
        Files.readAllLines(
                broken.folder("g").resolve(SlurmExecutor.FOLDER).resolve(SlurmExecutor.JOBS))
            .get(0)
            .split(" ")[0];
    Path log = log(broken.folder("g"), job, 0);
    assertTrue(
        failed.out().contains("[softmax-ce s1] failed: array task " + job + "_0"), failed.out());
    assertTrue(failed.out().contains("log: " + log), failed.out());
    String said = Files.readString(log);
    assertTrue(said.contains("deltaboost: error: dataset 'mnist' not found"), said);
    assertTrue(said.contains(" status 1"), said);
    assertFalse(Files.exists(broken.folder("g").resolve("summary.json")));

    // --no-wait returns once submitted; --collect later finds the trial unfinished
    CliRunner.Result submitted =
        CliRunner.once(broken.compare("later", "--executor", "slurm", "--no-wait"));
    assertEquals(0, submitted.status(), submitted.err() + submitted.out());
    Matcher id =
        Pattern.compile("submitted Slurm job (\\d+): 1 of 1 trials").matcher(submitted.out());
    assertTrue(id.find(), submitted.out());
    Path laterLog = log(broken.folder("later"), id.group(1), 0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(laterLog) && Files.readString(laterLog).contains(" end "))) {
      assertTrue(System.nanoTime() < deadline, "the submitted task did not end within 120 s");
      Thread.sleep(200);
    }
    CliRunner.Result collected = CliRunner.once(broken.compare("later", "--collect"));
    assertEquals(CompareCommand.EXIT_INCOMPLETE, collected.status(), collected.err());
    assertTrue(collected.out().contains("not finished yet: [softmax-ce s1]"), collected.out());
  }

  @Test
  void tuneOnSlurmPicksTheLocalWinner(@TempDir Path dir) throws Exception {
    TinyGrid tiny =
        TinyGrid.write(
            dir, "tiny", "\"exp-gb\"", 1, "\"epochs\": 1, \"trainLimit\": 300, \"batchSize\": 64");
    List<String> tune =
        List.of(
            "tune",
            "--experiment",
            tiny.experiment().toString(),
            "--strategy",
            "exp-gb",
            "--budget",
            "2",
            "--seeds",
            "1",
            "--runs-dir",
            tiny.runs().toString(),
            "--progress",
            "never",
            "--tuning-id");
    List<String> local = new ArrayList<>(tune);
    local.add("local");
    CliRunner.Result here = CliRunner.once(local.toArray(String[]::new));
    assertEquals(0, here.status(), here.err() + here.out());
    List<String> slurm = new ArrayList<>(tune);
    slurm.addAll(
        List.of("slurm", "--executor", "slurm", "--max-parallel", "2", "--poll-seconds", "1"));
    CliRunner.Result there = CliRunner.once(slurm.toArray(String[]::new));
    assertEquals(0, there.status(), there.err() + there.out());
    assertTrue(
        there.out().contains("[exp-gb] 2 done / 0 running / 0 pending / 0 failed"), there.out());

    TuningRecord a = TuningRecord.read(tiny.folder("local"));
    TuningRecord b = TuningRecord.read(tiny.folder("slurm"));
    assertTrue(b.complete());
    assertEquals(a.winner().index(), b.winner().index());
    assertEquals(a.winner().parameters(), b.winner().parameters());
    assertEquals(
        a.configurations().stream().map(ConfigurationOutcome::score).toList(),
        b.configurations().stream().map(ConfigurationOutcome::score).toList());
  }

  /** The log of trial {@code index}'s task in job {@code job}. */
  private static Path log(Path grid, String job, int index) {
    return grid.toAbsolutePath()
        .resolve(SlurmExecutor.FOLDER)
        .resolve("logs")
        .resolve(job + "_" + index + ".out");
  }
}
