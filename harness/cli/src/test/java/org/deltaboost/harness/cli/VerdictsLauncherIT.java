package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paired comparisons and verdicts through the shipped {@code deltaboost} script, each command in a
 * fresh JVM (where the first trial would pay the engine's loading but for the warm-up): {@code
 * compare} with the strategies in one order and reversed prints and records the same verdicts on
 * the error claims and a warm-up each; {@code report} rewrites a page that opens with the verdict
 * table and ends with provenance; a {@code --reference} that is not in the grid is one line.
 */
class VerdictsLauncherIT {
  private static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void findLauncher() {
    String property = System.getProperty("deltaboost.launcher");
    Assumptions.assumeTrue(
        property != null,
        "deltaboost.launcher is not set: this test runs in the integration-test phase (mvn verify)");
    launcher = Path.of(property).toAbsolutePath().normalize();
    assertTrue(Files.isExecutable(launcher), launcher + ": not an executable script");
  }

  @Test
  void compareJudgesTheClaimsInEitherOrderAndTheReportOpensWithThem() throws Exception {
    JsonNode forward = compare("forward", "\"exp-gb\", \"softmax-ce\", \"linear\"");
    JsonNode reversed = compare("reversed", "\"linear\", \"softmax-ce\", \"exp-gb\"");
    assertEquals(errorVerdicts(forward), errorVerdicts(reversed));
    assertEquals(5, forward.get("verdicts").size());
    assertTrue(
        forward.at("/differences/0/hiddenGradientRmsLog10/median").isNumber(), forward.toString());
    assertEquals("exp-gb-s1", forward.at("/timing/warmUp/trial").asText());
    assertEquals("linear-s1", reversed.at("/timing/warmUp/trial").asText());

    Path out = dir.resolve("report");
    LauncherProcess report =
        LauncherProcess.run(
            launcher,
            dir,
            Map.of(),
            "report",
            dir.resolve("runs/forward").toString(),
            "--out",
            out.toString());
    assertEquals(0, report.exit(), report.transcript());
    String html = Files.readString(out.resolve("index.html"));
    int verdicts = html.indexOf("<h2>Verdicts</h2>");
    int provenance = html.indexOf("<h2>Provenance and configuration</h2>");
    assertTrue(verdicts > 0 && verdicts < html.indexOf("<h2>Tables</h2>"), html);
    assertTrue(provenance > html.indexOf("<h2>Figures</h2>"), html);
    assertTrue(
        html.indexOf("<th>our estimate [95% interval]</th>") > verdicts
            && html.indexOf("<th>our estimate [95% interval]</th>") < provenance,
        html);
    assertEquals(
        "claim,metric,our estimate [95% interval],paper,verdict,why",
        Files.readAllLines(out.resolve("tables/verdicts.csv")).get(0));

    LauncherProcess bad =
        LauncherProcess.run(
            launcher,
            dir,
            Map.of(),
            "compare",
            "--experiment",
            dir.resolve("forward.json").toString(),
            "--runs-dir",
            dir.resolve("runs").toString(),
            "--reference",
            "softmax");
    assertEquals(2, bad.exit(), bad.transcript());
    assertTrue(
        bad.err().contains("--reference softmax is not a strategy of the grid"), bad.transcript());
    assertFalse(bad.err().contains("\tat "), bad.transcript());
  }

  private JsonNode compare(String name, String strategies) throws Exception {
    Path experiment = dir.resolve(name + ".json");
    Files.writeString(experiment, VerdictOrderTest.EXPERIMENT.formatted(strategies));
    LauncherProcess run =
        LauncherProcess.run(
            launcher,
            dir,
            Map.of(),
            "compare",
            "--experiment",
            experiment.toString(),
            "--runs-dir",
            dir.resolve("runs").toString(),
            "--progress",
            "never",
            "--no-report");
    assertEquals(0, run.exit(), run.transcript());
    assertTrue(run.out().contains("verdicts on the paper's claims"), run.transcript());
    assertTrue(
        run.out().contains("warm-up (untimed, trained before the first trial)"), run.transcript());
    assertTrue(run.out().contains("against softmax-ce, seed by seed"), run.transcript());
    assertTrue(run.out().contains("hidden gradient RMS (log10)"), run.transcript());
    assertTrue(run.out().contains("orders of magnitude"), run.transcript());
    return new ObjectMapper()
        .readTree(dir.resolve("runs").resolve(name).resolve("summary.json").toFile());
  }

  /** The verdicts on error and epoch claims: claim, outcome, estimate. */
  private static List<String> errorVerdicts(JsonNode summary) {
    return java.util.stream.StreamSupport.stream(summary.get("verdicts").spliterator(), false)
        .filter(v -> !v.get("metric").asText().startsWith("seconds"))
        .map(
            v ->
                v.get("claim").asText() + " " + v.get("verdict").asText() + " " + v.get("estimate"))
        .toList();
  }
}
