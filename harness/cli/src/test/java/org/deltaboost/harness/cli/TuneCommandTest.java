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
import org.deltaboost.harness.tuning.ConfigurationOutcome;
import org.deltaboost.harness.tuning.SeedOutcome;
import org.deltaboost.harness.tuning.TunedParameters;
import org.deltaboost.harness.tuning.TuningRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private static CliRunner.Result run(String... args) {
    return CliRunner.once(args);
  }

  private static Path tinyExperiment(Path dir, String strategies) throws Exception {
    Path experiment = dir.resolve("tiny.json");
    Files.writeString(
        experiment,
        """
        {"description": "test", "paper": "none", "trials": 1, "targetError": 0.6,
         "strategies": [%s],
         "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 1, "trainLimit": 300,
                    "batchSize": 64}}
        """
            .formatted(strategies));
    return experiment;
  }

  private static List<String> tune(
      Path experiment, Path runs, String strategy, int budget, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "tune",
                "--experiment",
                experiment.toString(),
                "--strategy",
                strategy,
                "--budget",
                Integer.toString(budget),
                "--runs-dir",
                runs.toString(),
                "--progress",
                "never"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void tuneRecordsEveryConfigurationAndTheWinnerResumesAndCompareTunedTrainsWithTheWinners(
      @TempDir Path dir) throws Exception {
    Path experiment = tinyExperiment(dir, "\"softmax-ce\", \"exp-gb\"");
    Path runs = dir.resolve("runs");
    List<String> expArgs = tune(experiment, runs, "exp-gb", 2, "--seeds", "2");
    CliRunner.Result first = run(expArgs.toArray(String[]::new));
    assertEquals(0, first.status(), first.err() + first.out());
    Path folder = runs.resolve("tune-tiny-exp-gb");
    TuningRecord record = TuningRecord.read(folder);
    assertTrue(record.complete());
    assertEquals(2, record.configurations().size());
    assertEquals(List.of(1L, 2L), record.seeds());
    assertEquals(0.1, record.baseConfig().get("validationFraction").asDouble());
    // the baseline is the shipped defaults: exp-gb at 0.02 with alpha 0.1, targets {0, 10}
    ConfigurationOutcome baseline = record.configurations().get(0);
    assertTrue(baseline.baseline());
    assertEquals(new TunedParameters(0.02, 0.1, 0.0, 0.0, 10.0), baseline.parameters());
    for (ConfigurationOutcome c : record.configurations()) {
      assertEquals(2, c.runs().size());
      for (SeedOutcome s : c.runs()) {
        Path runDir = folder.resolve(s.run());
        JsonNode config = json.readTree(runDir.resolve("config.json").toFile());
        // trained on the validation split, with this configuration's parameters
        assertEquals(0.1, config.at("/config/validationFraction").asDouble());
        assertEquals(c.parameters().learningRate(), config.get("learningRate").asDouble(), 1e-12);
        assertEquals(c.parameters().alpha(), config.at("/strategy/alpha").asDouble(), 1e-12);
        assertEquals(
            c.parameters().positiveTarget(),
            config.at("/strategy/positiveTarget").asDouble(),
            1e-12);
        assertEquals(
            800, config.get("testSamples").asInt()); // 10% of the 8000 embedded training images
        if (!s.diverged()) {
          JsonNode result = json.readTree(runDir.resolve("result.json").toFile());
          assertEquals(result.get("minTestError").asDouble(), s.minValidationError(), 1e-12);
        }
      }
      double[] objectives = c.runs().stream().mapToDouble(SeedOutcome::objective).toArray();
      assertEquals((objectives[0] + objectives[1]) / 2, c.score(), 1e-12);
    }
    double best =
        record.configurations().stream()
            .mapToDouble(ConfigurationOutcome::score)
            .min()
            .orElseThrow();
    assertEquals(best, record.winner().score());
    assertTrue(first.out().contains("rank  conf  parameters"), first.out());
    assertTrue(first.out().contains("winner: c" + record.winner().index()), first.out());

    // Again with a larger budget: the two finished configurations are skipped, one more runs.
    List<String> larger = tune(experiment, runs, "exp-gb", 3, "--seeds", "2");
    CliRunner.Result second = run(larger.toArray(String[]::new));
    assertEquals(0, second.status(), second.err());
    assertEquals(4, second.out().lines().filter(l -> l.contains("skipped")).count(), second.out());
    TuningRecord extended = TuningRecord.read(folder);
    assertEquals(3, extended.configurations().size());
    assertEquals(record.configurations(), extended.configurations().subList(0, 2));

    // Another search in the same folder is refused.
    CliRunner.Result otherSeed =
        run(
            tune(experiment, runs, "exp-gb", 3, "--seeds", "2", "--search-seed", "9")
                .toArray(String[]::new));
    assertEquals(2, otherSeed.status());
    assertTrue(
        otherSeed
            .err()
            .contains("was started with a different search: searchSeed (recorded: 1, asked: 9)"),
        otherSeed.err());

    // compare --tuned needs every strategy tuned
    List<String> compare =
        new ArrayList<>(
            List.of(
                "compare",
                "--experiment",
                experiment.toString(),
                "--runs-dir",
                runs.toString(),
                "--progress",
                "never",
                "--no-report",
                "--epochs",
                "1",
                "--tuned"));
    CliRunner.Result missing = run(compare.toArray(String[]::new));
    assertEquals(2, missing.status());
    assertTrue(
        missing
            .err()
            .contains(
                "--tuned: no finished tuning for softmax-ce (looked in "
                    + runs.resolve("tune-tiny-softmax-ce")
                    + ")"),
        missing.err());

    CliRunner.Result softmax =
        run(tune(experiment, runs, "softmax-ce", 2, "--seeds", "1").toArray(String[]::new));
    assertEquals(0, softmax.status(), softmax.err());
    TunedParameters softmaxWinner =
        TuningRecord.read(runs.resolve("tune-tiny-softmax-ce")).winner().parameters();
    assertEquals(null, softmaxWinner.alpha()); // softmax-ce searches its learning rate only
    CliRunner.Result tuned = run(compare.toArray(String[]::new));
    assertEquals(0, tuned.status(), tuned.err() + tuned.out());
    assertTrue(
        tuned.out().contains("tuned exp-gb: " + extended.winner().parameters()), tuned.out());
    Path grid = runs.resolve("tiny-tuned");
    // the summary says the strategies were tuned, and with unequal budgets
    JsonNode tunedSummary = json.readTree(grid.resolve("summary.json").toFile());
    assertEquals("tuned", tunedSummary.at("/tuning/mode").asText());
    assertEquals(
        "3 configurations × 2 seed(s)", tunedSummary.at("/tuning/budgets/exp-gb").asText());
    assertEquals(
        "2 configurations × 1 seed(s)", tunedSummary.at("/tuning/budgets/softmax-ce").asText());
    assertEquals(false, tunedSummary.at("/tuning/equalBudgets").asBoolean());
    JsonNode expTrial = json.readTree(grid.resolve("exp-gb-s1/config.json").toFile());
    TunedParameters winner = extended.winner().parameters();
    assertEquals(winner.learningRate(), expTrial.get("learningRate").asDouble(), 1e-12);
    assertEquals(winner.alpha(), expTrial.at("/strategy/alpha").asDouble(), 1e-12);
    assertEquals(winner.beta(), expTrial.at("/strategy/beta").asDouble(), 1e-12);
    assertEquals(
        winner.negativeTarget(), expTrial.at("/strategy/negativeTarget").asDouble(), 1e-12);
    assertEquals(
        winner.positiveTarget(), expTrial.at("/strategy/positiveTarget").asDouble(), 1e-12);
    assertEquals(
        0.0,
        expTrial.at("/config/validationFraction").asDouble()); // compare measures on the test set
    JsonNode softmaxTrial = json.readTree(grid.resolve("softmax-ce-s1/config.json").toFile());
    assertEquals(softmaxWinner.learningRate(), softmaxTrial.get("learningRate").asDouble(), 1e-12);

    // a winner is for the tuning's data, network, batch size and momentum only
    CliRunner.Result otherBatch =
        run(
            "compare",
            "--experiment",
            experiment.toString(),
            "--runs-dir",
            runs.toString(),
            "--tuned",
            "--set",
            "batchSize=32");
    assertEquals(2, otherBatch.status());
    assertTrue(
        otherBatch.err().contains("was done with other batchSize (tuned: 64, trial: 32)"),
        otherBatch.err());

    // --tuned DIR scans DIR's subfolders; two tunings of one strategy there are an error.
    CliRunner.Result scanned =
        run(
            "compare",
            "--experiment",
            experiment.toString(),
            "--runs-dir",
            runs.toString(),
            "--progress",
            "never",
            "--no-report",
            "--epochs",
            "1",
            "--tuned",
            runs.toString(),
            "--grid",
            "scanned");
    assertEquals(0, scanned.status(), scanned.err());
    assertEquals(
        winner.learningRate(),
        json.readTree(runs.resolve("scanned/exp-gb-s1/config.json").toFile())
            .get("learningRate")
            .asDouble(),
        1e-12);
    CliRunner.Result again =
        run(
            tune(experiment, runs, "exp-gb", 1, "--seeds", "1", "--tuning-id", "second")
                .toArray(String[]::new));
    assertEquals(0, again.status(), again.err());
    CliRunner.Result twice =
        run(
            "compare",
            "--experiment",
            experiment.toString(),
            "--runs-dir",
            runs.toString(),
            "--tuned",
            runs.toString());
    assertEquals(2, twice.status());
    assertTrue(twice.err().contains("holds two tunings of exp-gb"), twice.err());
    assertFalse(Files.exists(runs.resolve("tiny")));
  }

  @Test
  void badTuneArgumentsAreUsageErrors(@TempDir Path dir) throws Exception {
    Path experiment = tinyExperiment(dir, "\"exp-gb\"");
    Path runs = dir.resolve("runs");
    CliRunner.Result noValidation =
        run(
            tune(experiment, runs, "exp-gb", 2, "--validation-fraction", "0")
                .toArray(String[]::new));
    assertEquals(2, noValidation.status());
    assertTrue(
        noValidation
            .err()
            .contains(
                "--validation-fraction must be in (0, 1): tuning never looks at the test set"),
        noValidation.err());
    CliRunner.Result noBudget = run(tune(experiment, runs, "exp-gb", 0).toArray(String[]::new));
    assertEquals(2, noBudget.status());
    assertTrue(noBudget.err().contains("--budget must be >= 1, got 0"), noBudget.err());
    CliRunner.Result badSearch =
        run(tune(experiment, runs, "exp-gb", 2, "--search", "bayes").toArray(String[]::new));
    assertEquals(2, badSearch.status());
    assertTrue(
        badSearch.err().contains("--search must be random or grid, got 'bayes'"), badSearch.err());
    CliRunner.Result smallGrid =
        run(tune(experiment, runs, "exp-gb", 2, "--search", "grid").toArray(String[]::new));
    assertEquals(2, smallGrid.status());
    assertTrue(
        smallGrid.err().contains("the grid of exp-gb has 360 configurations"), smallGrid.err());
    CliRunner.Result unknown = run(tune(experiment, runs, "softmax", 2).toArray(String[]::new));
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("softmax"), unknown.err());
    Path space = dir.resolve("space.json");
    Files.writeString(space, "{\"exp-gb\": {\"learningRate\": []}}");
    CliRunner.Result emptySpace =
        run(
            tune(experiment, runs, "exp-gb", 2, "--space", space.toString())
                .toArray(String[]::new));
    assertEquals(2, emptySpace.status());
    assertTrue(emptySpace.err().contains("learningRate has no values"), emptySpace.err());
    assertFalse(Files.exists(runs));
  }

  @Test
  void configFlagsReachTheBaselinesRunConfig(@TempDir Path dir) throws Exception {
    Path experiment = tinyExperiment(dir, "\"exp-gb\"");
    Path runs = dir.resolve("runs");
    CliRunner.Result result =
        run(
            tune(
                    experiment,
                    runs,
                    "exp-gb",
                    1,
                    "--seeds",
                    "1",
                    "--lr",
                    "0.004",
                    "--batch-size",
                    "32",
                    "--validation-fraction",
                    "0.2")
                .toArray(String[]::new));
    assertEquals(0, result.status(), result.err() + result.out());
    Path folder = runs.resolve("tune-tiny-exp-gb");
    JsonNode header = json.readTree(folder.resolve("c001-s1/config.json").toFile());
    assertEquals(0.004, header.at("/config/learningRate").asDouble());
    assertEquals(32, header.at("/config/batchSize").asInt());
    assertEquals(0.2, header.at("/config/validationFraction").asDouble());
    assertTrue(header.get("config").path("resume").isMissingNode(), "resume is run control");
    JsonNode tuning = json.readTree(folder.resolve(TuningRecord.FILE).toFile());
    assertEquals(0.004, tuning.at("/baseConfig/learningRate").asDouble(), tuning.toString());
  }
}
