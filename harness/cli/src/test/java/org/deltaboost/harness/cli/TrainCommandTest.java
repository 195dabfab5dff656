package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.harness.train.config.AdamSettings;
import org.deltaboost.harness.train.config.ScheduleSettings;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The optimizer flags of {@code deltaboost train} and the config fields they set. */
class TrainCommandTest {

  private static TrainingConfig resolve(String... args) throws Exception {
    CommandLine cli = DeltaboostCommand.commandLine();
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    return ((TrainCommand) parsed.subcommand().commandSpec().userObject()).resolveConfig();
  }

  @Test
  void optimizerFlagsSetTheirFields() throws Exception {
    TrainingConfig adam =
        resolve(
            "train",
            "--optimizer",
            "adam",
            "--weight-decay",
            "5e-4",
            "--adam-beta1",
            "0.8",
            "--adam-beta2",
            "0.99",
            "--adam-epsilon",
            "1e-7",
            "--schedule",
            "cosine",
            "--schedule-min-lr",
            "0.001",
            "--warmup-epochs",
            "0.5");
    assertEquals("adam", adam.optimizer());
    assertEquals(5e-4, adam.weightDecay());
    assertEquals(new AdamSettings(0.8, 0.99, 1e-7), adam.adam());
    assertEquals(new ScheduleSettings("cosine", null, null, 0.001, 0.5), adam.schedule());
    TrainingConfig step =
        resolve(
            "train",
            "--momentum",
            "0.9",
            "--schedule",
            "step",
            "--schedule-step-epochs",
            "2",
            "--schedule-gamma",
            "0.5");
    assertEquals("sgd", step.optimizer());
    assertEquals(0.9, step.momentum());
    assertEquals(new ScheduleSettings("step", 2, 0.5, null, null), step.schedule());
  }

  @Test
  void badOptimizerFlagsAreUsageErrorsNamingTheField() {
    assertUsageError(
        "optimizer must be one of sgd, adam, got 'rmsprop'", "train", "--optimizer", "rmsprop");
    assertUsageError(
        "momentum applies to optimizer sgd only",
        "train",
        "--optimizer",
        "adam",
        "--momentum",
        "0.9");
    assertUsageError(
        "weightDecay must be a finite number >= 0, got -1.0", "train", "--weight-decay", "-1");
    assertUsageError(
        "schedule.type must be one of constant, step, cosine", "train", "--schedule", "linear");
    assertUsageError("schedule.gamma must be in (0, 1], got 2.0", "train", "--schedule-gamma", "2");
    assertUsageError("adam.beta2 must be in [0, 1), got 1.0", "train", "--adam-beta2", "1");
  }

  @Test
  void aFolderRecordedBeforeTheOptimizerFieldsResumesAsPlainSgd(@TempDir Path runs)
      throws Exception {
    String[] train = {
      "train",
      "--dataset",
      "fashion-mnist-embedded",
      "--train-limit",
      "256",
      "--epochs",
      "1",
      "--runs-dir",
      runs.toString(),
      "--run-id",
      "old",
      "--progress",
      "never"
    };
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertEquals(0, cli.execute(train));
    // Remove the fields this build added, as a folder from an earlier build lacks them.
    Path header = runs.resolve("old/config.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode record = (ObjectNode) json.readTree(header.toFile());
    ((ObjectNode) record.get("config"))
        .remove(List.of("optimizer", "weightDecay", "adam", "schedule"));
    json.writeValue(header.toFile(), record);
    StringWriter err = new StringWriter();
    cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(
        0,
        cli.execute("train", "--runs-dir", runs.toString(), "--run-id", "old", "--resume"),
        err.toString());
    assertEquals(1, Files.readAllLines(runs.resolve("old/epochs.jsonl")).size());
    // Asking for Adam on that folder is refused, naming the field.
    assertEquals(
        2,
        cli.execute(
            "train",
            "--runs-dir",
            runs.toString(),
            "--run-id",
            "old",
            "--resume",
            "--optimizer",
            "adam"));
    assertTrue(
        err.toString().contains("optimizer (folder: \"sgd\", asked: \"adam\")"), err.toString());
  }

  @Test
  void resumeIsRunControlAndAFolderThatRecordedItStillResumes(@TempDir Path runs) throws Exception {
    String[] train = {
      "train",
      "--dataset",
      "fashion-mnist-embedded",
      "--train-limit",
      "256",
      "--epochs",
      "1",
      "--runs-dir",
      runs.toString(),
      "--run-id",
      "old",
      "--progress",
      "never"
    };
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertEquals(0, cli.execute(train));
    Path header = runs.resolve("old/config.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode record = (ObjectNode) json.readTree(header.toFile());
    assertTrue(record.get("config").path("resume").isMissingNode(), record.toString());
    // A folder written when resume was a config field (compare's trials said true).
    ((ObjectNode) record.get("config")).put("resume", true);
    json.writeValue(header.toFile(), record);
    StringWriter err = new StringWriter();
    cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(
        0,
        cli.execute(
            "train", "--runs-dir", runs.toString(), "--run-id", "old", "--resume", "--epochs", "2"),
        err.toString());
    assertEquals(2, Files.readAllLines(runs.resolve("old/epochs.jsonl")).size());
    assertUsageError(
        "config: resume is run control, not a config field", "train", "--set", "resume=true");
  }

  @Test
  void traceStepsWriteTheTraceAndPrintWhereTheTimeWent(@TempDir Path runs) throws Exception {
    CommandLine cli = DeltaboostCommand.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(
        0,
        cli.execute(
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--train-limit",
            "256",
            "--batch-size",
            "64",
            "--epochs",
            "1",
            "--runs-dir",
            runs.toString(),
            "--run-id",
            "traced",
            "--progress",
            "never",
            "--trace-steps",
            "1:2-3"));
    assertTrue(
        out.toString().contains("engine trace of epoch 1 steps 2-3 (engine-trace-e1-s2-3.json): "),
        out.toString());
    assertTrue(Files.size(runs.resolve("traced/engine-trace-e1-s2-3.json")) > 0);
    assertEquals(
        "1:2-3",
        new ObjectMapper()
            .readTree(runs.resolve("traced/config.json").toFile())
            .path("engineTrace")
            .asText());
  }

  @Test
  void badTraceStepsAreUsageErrors(@TempDir Path runs) {
    assertUsageError(
        "--trace-steps: expected EPOCH:STEP or EPOCH:FROM-TO, 1-based (e.g. 2:100-102), got '5'",
        "train",
        "--trace-steps",
        "5");
    assertUsageError(
        "--trace-steps: the last step 3 comes before the first, 5",
        "train",
        "--trace-steps",
        "1:5-3");
    assertUsageError(
        "--trace-steps: epoch 3 is past the run's last, 2",
        "train",
        "--epochs",
        "2",
        "--trace-steps",
        "3:1");
    assertUsageError(
        "--trace-steps 1:5-9: an epoch of this run has only 4 steps",
        "train",
        "--dataset",
        "fashion-mnist-embedded",
        "--train-limit",
        "256",
        "--batch-size",
        "64",
        "--epochs",
        "1",
        "--runs-dir",
        runs.toString(),
        "--trace-steps",
        "1:5-9");
  }

  private static void assertUsageError(String expected, String... args) {
    CommandLine cli = DeltaboostCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(2, cli.execute(args), "exit status for " + String.join(" ", args) + "\n" + err);
    assertTrue(err.toString().contains(expected), "expected '" + expected + "' in:\n" + err);
  }
}
