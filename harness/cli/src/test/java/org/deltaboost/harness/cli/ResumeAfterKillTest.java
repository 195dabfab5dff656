package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kills a training process with SIGKILL after its first recorded epoch, resumes it with {@code
 * train --resume}, and checks that every epoch's numbers equal an uninterrupted run's; the run uses
 * Adam with weight decay and a cosine schedule, whose state the checkpoint must hold.
 */
class ResumeAfterKillTest {

  private static final List<String> RUN =
      List.of(
          "train",
          "--dataset",
          "fashion-mnist-embedded",
          "--train-limit",
          "2000",
          "--batch-size",
          "16",
          "--epochs",
          "5",
          "--strategy",
          "exp-gb",
          "--seed",
          "3",
          "--progress",
          "never",
          // Adam, weight decay and a warmed-up cosine schedule: the checkpoint must carry both
          // moments and the step count (SGD's momentum is resumed in TrainingRunTest).
          "--optimizer",
          "adam",
          "--lr",
          "0.001",
          "--weight-decay",
          "1e-4",
          "--schedule",
          "cosine",
          "--warmup-epochs",
          "0.5");

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void killedRunResumesToTheUninterruptedNumbers(@TempDir Path runs) throws Exception {
    Path killed = runs.resolve("killed");
    Process child = startChild(runs, "killed");
    try {
      Path epochs = killed.resolve("epochs.jsonl");
      // Generous: on a loaded 2-core machine an epoch of 125 small steps has taken over a minute.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (!(Files.exists(epochs) && Files.readAllLines(epochs).size() >= 1)) {
        if (!child.isAlive()) {
          throw new AssertionError(
              "the child exited before its first epoch:\n"
                  + Files.readString(runs.resolve("killed.log")));
        }
        assertTrue(System.nanoTime() < deadline, "no epoch recorded within 300 s");
        Thread.sleep(5);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL on Unix
      child.waitFor();
    }
    assertFalse(
        Files.exists(killed.resolve("result.json")), "the child finished before it was killed");
    assertTrue(new CheckpointFile(killed).exists());
    int recordedBeforeResume = Files.readAllLines(killed.resolve("epochs.jsonl")).size();
    assertTrue(recordedBeforeResume < 5, "killed after " + recordedBeforeResume + " epochs");

    assertEquals(0, run(runs, "--run-id", "killed", "--resume"));
    assertEquals(0, run(runs, "--run-id", "whole"));

    List<String> resumed = Files.readAllLines(killed.resolve("epochs.jsonl"));
    List<String> whole = Files.readAllLines(runs.resolve("whole/epochs.jsonl"));
    assertEquals(5, resumed.size());
    for (int i = 0; i < 5; i++) {
      JsonNode a = json.readTree(whole.get(i));
      JsonNode b = json.readTree(resumed.get(i));
      assertEquals(
          a.get("trainLoss").asDouble(),
          b.get("trainLoss").asDouble(),
          "epoch " + (i + 1) + " loss");
      assertEquals(
          a.get("testError").asDouble(),
          b.get("testError").asDouble(),
          "epoch " + (i + 1) + " error");
    }
    JsonNode resumedResult = json.readTree(killed.resolve("result.json").toFile());
    JsonNode wholeResult = json.readTree(runs.resolve("whole/result.json").toFile());
    assertEquals("completed", resumedResult.get("status").asText());
    assertEquals(wholeResult.get("finalTestError"), resumedResult.get("finalTestError"));
    assertEquals(wholeResult.get("minTestError"), resumedResult.get("minTestError"));

    // A finished run resumes to nothing; a different config is refused, naming the field.
    assertEquals(0, run(runs, "--run-id", "killed", "--resume"));
    assertEquals(5, Files.readAllLines(killed.resolve("epochs.jsonl")).size());
    StringWriter err = new StringWriter();
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(
        2,
        cli.execute(
            "train",
            "--runs-dir",
            runs.toString(),
            "--run-id",
            "killed",
            "--resume",
            "--seed",
            "4"));
    assertTrue(err.toString().contains("seed (folder: 3, asked: 4)"), err.toString());
    assertEquals(2, cli.execute("train", "--runs-dir", runs.toString(), "--resume"));
    assertTrue(err.toString().contains("--resume needs --run-id"), err.toString());
    assertEquals(
        2, cli.execute("train", "--runs-dir", runs.toString(), "--run-id", "nothing", "--resume"));
    assertTrue(err.toString().contains("holds no run record"), err.toString());
    // Starting afresh in a folder that holds a checkpoint would silently lose it: refused.
    assertEquals(
        2,
        cli.execute(
            "train",
            "--runs-dir",
            runs.toString(),
            "--run-id",
            "killed",
            "--dataset",
            "fashion-mnist-embedded",
            "--epochs",
            "1"));
    assertTrue(err.toString().contains("already holds a checkpoint"), err.toString());
  }

  private static int run(Path runs, String... extra) {
    List<String> args = new ArrayList<>(RUN);
    args.addAll(List.of("--runs-dir", runs.toString()));
    args.addAll(List.of(extra));
    CommandLine cli = DeltaboostCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args.toArray(String[]::new));
    if (status != 0) {
      System.err.println(err);
    }
    return status;
  }

  /** Starts {@code deltaboost train} in a child JVM on this JVM's module and class path. */
  private static Process startChild(Path runs, String runId) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dai.djl.offline=true");
    String modulePath = System.getProperty("jdk.module.path");
    if (modulePath != null && !modulePath.isEmpty()) {
      command.addAll(List.of("-p", modulePath, "--add-modules", "ALL-MODULE-PATH"));
    }
    String classPath = System.getProperty("java.class.path");
    if (classPath != null && !classPath.isEmpty()) {
      command.addAll(List.of("-cp", classPath));
    }
    if (modulePath != null && !modulePath.isEmpty()) {
      command.addAll(List.of("-m", "org.deltaboost.harness.cli/org.deltaboost.harness.cli.Main"));
    } else {
      command.add(Main.class.getName());
    }
    command.addAll(RUN);
    command.addAll(List.of("--runs-dir", runs.toString(), "--run-id", runId));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(runs.resolve(runId + ".log").toFile())
        .start();
  }
}
