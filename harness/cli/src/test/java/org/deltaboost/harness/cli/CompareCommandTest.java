package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private static CliRunner.Result run(String... args) {
    return CliRunner.once(args);
  }

  @Test
  void gridRunsSkipsFinishedTrialsResumesUnfinishedOnesAndCountsDivergence(@TempDir Path dir)
      throws Exception {
    Path experiment = dir.resolve("tiny.json");
    Files.writeString(
        experiment,
        """
        {"description": "test grid", "paper": "none", "trials": 2, "targetError": 0.6,
         "strategies": ["softmax-ce", "exp-gb-lr50"],
         "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 2, "trainLimit": 400,
                    "batchSize": 64},
         "perStrategy": {"exp-gb-lr50": {"strategy": {"id": "exp-gb"}, "learningRate": 50}}}
        """);
    Path runs = dir.resolve("runs");
    List<String> args =
        new ArrayList<>(
            List.of(
                "compare",
                "--experiment",
                experiment.toString(),
                "--runs-dir",
                runs.toString(),
                "--progress",
                "never"));
    CliRunner.Result first = run(args.toArray(String[]::new));
    assertEquals(0, first.status(), first.err() + first.out());
    assertTrue(
        first.out().contains("[exp-gb-lr50 s1] diverged, recorded; the grid goes on"), first.out());
    Path grid = runs.resolve("tiny");
    for (String trial :
        List.of("softmax-ce-s1", "softmax-ce-s2", "exp-gb-lr50-s1", "exp-gb-lr50-s2")) {
      assertTrue(Files.exists(grid.resolve(trial).resolve("result.json")), trial);
    }
    JsonNode summary = json.readTree(grid.resolve("summary.json").toFile());
    assertEquals("tiny", summary.get("experiment").asText());
    JsonNode softmax = summary.get("strategies").get(0);
    assertEquals("softmax-ce", softmax.get("strategy").asText());
    assertEquals(2, softmax.get("completed").asInt());
    assertEquals(0, softmax.get("diverged").asInt());
    double e1 = finalError(grid.resolve("softmax-ce-s1"));
    double e2 = finalError(grid.resolve("softmax-ce-s2"));
    // Two seeds: a resample is {e1,e1}, {e1,e2} or {e2,e2} with probability 1/4, 1/2, 1/4, so the
    // bootstrap medians' 2.5% and 97.5% quantiles are min and max.
    assertEquals((e1 + e2) / 2, softmax.at("/finalTestError/median").asDouble(), 1e-12);
    assertEquals(Math.min(e1, e2), softmax.at("/finalTestError/low").asDouble());
    assertEquals(Math.max(e1, e2), softmax.at("/finalTestError/high").asDouble());
    JsonNode boosted = summary.get("strategies").get(1);
    assertEquals(2, boosted.get("diverged").asInt());
    assertEquals(0, boosted.get("completed").asInt());
    assertTrue(boosted.get("finalTestError").isNull());
    assertTrue(first.out().contains("2/2"), first.out());
    // compare ends with the grid's report
    Path page = grid.resolve("report").resolve("index.html");
    assertTrue(first.out().contains("report: " + page), first.out());
    assertTrue(Files.readString(page).contains("softmax-ce"));
    List<String> table1 =
        Files.readAllLines(grid.resolve("report").resolve("tables").resolve("table1.csv"));
    assertTrue(
        table1.stream().anyMatch(l -> l.startsWith("softmax-ce")), String.join("\n", table1));
    // and the report command rewrites it elsewhere from the records alone
    Path elsewhere = dir.resolve("elsewhere");
    CliRunner.Result report = run("report", grid.toString(), "--out", elsewhere.toString());
    assertEquals(0, report.status(), report.err());
    assertEquals(
        Files.readString(grid.resolve("report/tables/table1.csv")),
        Files.readString(elsewhere.resolve("tables/table1.csv")));
    CliRunner.Result notAGrid = run("report", dir.toString());
    assertEquals(1, notAGrid.status());
    assertTrue(notAGrid.err().contains("summary.json"), notAGrid.err());

    // Run again: everything is finished and skipped, the summary is the same.
    CliRunner.Result second = run(args.toArray(String[]::new));
    assertEquals(0, second.status(), second.err());
    assertEquals(4, second.out().lines().filter(l -> l.contains("skipped")).count(), second.out());
    assertEquals(summary, json.readTree(grid.resolve("summary.json").toFile()));

    // An unfinished trial (no result.json; its checkpoint says 2 of 2 epochs, asked for 3)
    // resumes from the checkpoint; --epochs raises the budget for every trial.
    Files.delete(grid.resolve("softmax-ce-s2/result.json"));
    args.addAll(List.of("--epochs", "3", "--strategies", "softmax-ce", "--trials", "2"));
    CliRunner.Result third = run(args.toArray(String[]::new));
    assertEquals(0, third.status(), third.err());
    assertTrue(third.out().contains("[softmax-ce s2] resuming after epoch 2/3"), third.out());
    assertEquals(3, Files.readAllLines(grid.resolve("softmax-ce-s2/epochs.jsonl")).size());
  }

  @Test
  void badCompareArgumentsAreUsageErrors(@TempDir Path dir) {
    CliRunner.Result unknown =
        run("compare", "--experiment", "table9", "--runs-dir", dir.toString());
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("unknown experiment 'table9'"), unknown.err());
    CliRunner.Result badSet =
        run("compare", "--experiment", "quick", "--set", "batchSize", "--runs-dir", dir.toString());
    assertEquals(2, badSet.status());
    assertTrue(badSet.err().contains("--set must be FIELD=VALUE"), badSet.err());
    CliRunner.Result badValue =
        run(
            "compare",
            "--experiment",
            "quick",
            "--set",
            "batchSize=0",
            "--runs-dir",
            dir.toString());
    assertEquals(2, badValue.status());
    assertTrue(badValue.err().contains("batchSize must be >= 1, got 0"), badValue.err());
    CliRunner.Result badReference =
        run(
            "compare",
            "--experiment",
            "quick",
            "--reference",
            "softmax",
            "--runs-dir",
            dir.toString());
    assertEquals(2, badReference.status());
    assertTrue(
        badReference
            .err()
            .contains(
                "--reference softmax is not a strategy of the grid; its strategies: softmax-ce,"
                    + " exp-gb, pow3-gb"),
        badReference.err());
  }

  @Test
  void aClaimThatIsNotDataIsAUsageErrorNamingTheFileAndField(@TempDir Path dir) throws Exception {
    Path experiment = dir.resolve("claims.json");
    Files.writeString(
        experiment,
        """
        {"trials": 1, "targetError": 0.5, "strategies": ["softmax-ce"], "config": {},
         "claims": [{"id": "c1", "source": "Table 1", "quote": "q.", "strategy": "exp-gb",
                     "metric": "accuracy", "direction": "lower", "paper": "p"}]}
        """);
    CliRunner.Result result =
        run("compare", "--experiment", experiment.toString(), "--runs-dir", dir.toString());
    assertEquals(2, result.status());
    assertTrue(
        result.err().contains(experiment.toString())
            && result.err().contains("unknown claim metric 'accuracy'"),
        result.err());
    assertFalse(result.err().contains("\tat "), result.err());
  }

  private double finalError(Path run) throws Exception {
    return json.readTree(run.resolve("result.json").toFile()).get("finalTestError").asDouble();
  }

  @Test
  void configFlagsReachEveryTrialsConfig(@TempDir Path dir) throws Exception {
    Path experiment = dir.resolve("one.json");
    Files.writeString(
        experiment,
        """
        {"description": "one trial", "paper": "none", "trials": 1, "targetError": 0.6,
         "strategies": ["softmax-ce"],
         "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 2, "trainLimit": 128,
                    "batchSize": 64}}
        """);
    Path runs = dir.resolve("runs");
    CliRunner.Result result =
        run(
            "compare",
            "--experiment",
            experiment.toString(),
            "--runs-dir",
            runs.toString(),
            "--progress",
            "never",
            "--no-report",
            "--lr",
            "0.003",
            "--epochs",
            "1",
            "--batch-size",
            "32");
    assertEquals(0, result.status(), result.err() + result.out());
    JsonNode header = json.readTree(runs.resolve("one/softmax-ce-s1/config.json").toFile());
    assertEquals(0.003, header.at("/config/learningRate").asDouble());
    assertEquals(0.003, header.get("learningRate").asDouble());
    assertEquals(1, header.at("/config/epochs").asInt());
    assertEquals(32, header.at("/config/batchSize").asInt());
    assertTrue(header.get("config").path("resume").isMissingNode(), "resume is run control");
  }
}
