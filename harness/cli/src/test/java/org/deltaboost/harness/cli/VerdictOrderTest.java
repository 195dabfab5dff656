package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare's verdicts do not depend on the order the strategies are listed in: the same small grid
 * on the embedded set (3 seeds, 3 epochs) run with the strategies in one order and reversed gives
 * the same paired differences of every error measure and the same verdict on every claim (a timing
 * claim included: its margin, ±100%, is what a trial paying the engine's loading would break, not
 * the noise of two warm trials). Strategies share seeds and training is deterministic, so the error
 * differences are equal to the last bit.
 */
class VerdictOrderTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  static final String EXPERIMENT =
      """
      {"description": "order test", "paper": "none", "trials": 3, "targetError": 0.9,
       "strategies": [%s],
       "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 2,
                  "trainLimit": 500, "batchSize": 50, "seed": 1,
                  "probes": {"gradientRms": true}},
       "claims": [
        {"id": "gb-min-error", "source": "Summary", "quote": "GB has lower error.",
         "strategy": "exp-gb", "metric": "minTestError", "direction": "lower",
         "paper": "lower"},
        {"id": "gb-early", "source": "Fig 1a", "quote": "GB drops faster.",
         "strategy": "exp-gb", "metric": "earlyTestError", "direction": "lower",
         "paper": "lower"},
        {"id": "linear-vs-gb", "source": "Table 1", "quote": "Linear converges sooner.",
         "strategy": "linear", "reference": "exp-gb", "metric": "convergenceEpochRelative",
         "direction": "lower", "size": 0.25, "paper": "-25%%"},
        {"id": "gb-seconds", "source": "Summary", "quote": "GB is 3x faster.",
         "strategy": "exp-gb", "metric": "secondsToTargetRelative", "direction": "lower",
         "size": 0.66, "margin": 1.0, "paper": "3x faster"},
        {"id": "gb-gradients", "source": "Fig 3", "quote": "GB's hidden gradients are larger.",
         "strategy": "exp-gb", "metric": "hiddenGradientRmsLog10", "direction": "higher",
         "size": 1.0, "paper": "an order of magnitude higher"}
       ]}
      """;

  @Test
  void reversingTheStrategyOrderGivesTheSameVerdicts(@TempDir Path dir) throws Exception {
    JsonNode forward = run(dir, "forward", "\"exp-gb\", \"softmax-ce\", \"linear\"");
    JsonNode reversed = run(dir, "reversed", "\"linear\", \"softmax-ce\", \"exp-gb\"");
    assertEquals(verdicts(forward), verdicts(reversed));
    assertEquals("gb-seconds", reversed.get("verdicts").get(3).get("claim").asText());
    assertEquals(errorDifferences(forward), errorDifferences(reversed));
    assertEquals(5, forward.get("verdicts").size());
    JsonNode gradients = forward.get("verdicts").get(4);
    assertEquals("gb-gradients", gradients.get("claim").asText());
    assertEquals(3, gradients.get("pairs").asInt(), "every seed recorded the gradient RMS");
    assertTrue(gradients.get("estimate").get("median").isNumber(), gradients.toString());
    JsonNode warmUp = forward.get("timing").get("warmUp");
    assertEquals("exp-gb-s1", warmUp.get("trial").asText());
    assertEquals("linear-s1", reversed.get("timing").get("warmUp").get("trial").asText());
    assertEquals("shipped defaults", forward.get("tuning").get("mode").asText());
  }

  private static JsonNode run(Path dir, String name, String strategies) throws Exception {
    Path experiment = dir.resolve(name + ".json");
    Files.writeString(experiment, EXPERIMENT.formatted(strategies));
    CliRunner.Result result =
        CliRunner.once(
            "compare",
            "--experiment",
            experiment.toString(),
            "--runs-dir",
            dir.resolve("runs").toString(),
            "--progress",
            "never",
            "--no-report");
    assertEquals(0, result.status(), result.out() + result.err());
    assertTrue(result.out().contains("verdicts on the paper's claims"), result.out());
    assertTrue(
        result.out().contains("warm-up (untimed, trained before the first trial)"), result.out());
    return new ObjectMapper()
        .readTree(dir.resolve("runs").resolve(name).resolve("summary.json").toFile());
  }

  /** Each verdict on an error or epoch measure: claim, outcome and estimate. */
  private static List<String> verdicts(JsonNode summary) {
    List<String> rows = new ArrayList<>();
    for (JsonNode v : summary.get("verdicts")) {
      if (!v.get("metric").asText().startsWith("seconds")) {
        rows.add(
            v.get("claim").asText() + " " + v.get("verdict").asText() + " " + v.get("estimate"));
      }
    }
    return rows;
  }

  /** The paired differences by strategy without their wall-time fields, ordered by strategy. */
  private static List<String> errorDifferences(JsonNode summary) {
    List<String> rows = new ArrayList<>();
    for (JsonNode d : summary.get("differences")) {
      ObjectNode copy = ((ObjectNode) d).deepCopy();
      copy.remove(List.of("secondsToTarget", "secondsToTargetRelative"));
      rows.add(copy.toString());
    }
    rows.sort(null);
    return rows;
  }
}
