package org.deltaboost.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.experiments.Experiment;
import org.deltaboost.harness.runs.RunObserver;
import org.deltaboost.records.StrategySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid API example of docs/experiments.md, run here; a second test keeps the page's copy
 * identical to the lines between the markers.
 */
class GridApiExampleTest {

  private static final String BEGIN = "// docs:begin";
  private static final String END = "// docs:end";

  static List<StrategySummary> example(Path runs) throws IOException {
    // docs:begin
    GridPlan plan =
        GridPlan.of(
            Experiment.load("quick"),
            List.of(),
            Map.of("dataset", "fashion-mnist-embedded", "epochs", 1, "trainLimit", 1000),
            runs.resolve("quick-1"));
    GridOutcome outcome =
        new GridRunner(new InProcessExecutor(null), trial -> new RunObserver() {}).run(plan);
    List<StrategySummary> summaries = outcome.summaries(0.2, 1L);
    // docs:end
    return summaries;
  }

  @Test
  void theExampleRunsTheWholeGridAndSummarizesEachStrategy(@TempDir Path runs) throws IOException {
    List<StrategySummary> summaries = example(runs);
    assertEquals(
        List.of("softmax-ce", "exp-gb", "pow3-gb"),
        summaries.stream().map(StrategySummary::strategy).toList());
    for (StrategySummary s : summaries) {
      assertEquals(3, s.completed(), s.toString());
    }
    assertTrue(Files.isRegularFile(runs.resolve("quick-1").resolve("grid.json")));
  }

  @Test
  void theDocsShowTheseLines() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    String source =
        Files.readString(
            root.resolve(
                "harness/library/src/test/java/org/deltaboost/harness/grid/GridApiExampleTest.java"),
            StandardCharsets.UTF_8);
    String example =
        source
            .substring(source.lastIndexOf(BEGIN) + BEGIN.length(), source.lastIndexOf(END))
            .stripTrailing();
    String page = Files.readString(root.resolve("docs/experiments.md"), StandardCharsets.UTF_8);
    assertTrue(
        page.contains(dedent(example)),
        "docs/experiments.md must show the example exactly as:\n" + dedent(example));
  }

  /** The lines without the method body's indentation. */
  private static String dedent(String block) {
    StringBuilder out = new StringBuilder();
    for (String line : block.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      out.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    return out.toString();
  }
}
