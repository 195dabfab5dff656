package org.deltaboost.harness.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.strategies.Strategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpaceTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void logGridHoldsTheDecadePointsRoundedToThreeDigits() throws Exception {
    ObjectNode grid =
        (ObjectNode) json.readTree("{\"from\": 0.001, \"to\": 0.1, \"perDecade\": 4}");
    assertEquals(
        List.of(0.001, 0.00178, 0.00316, 0.00562, 0.01, 0.0178, 0.0316, 0.0562, 0.1),
        SearchSpace.logGrid(grid, "test"));
    ObjectNode offGrid =
        (ObjectNode) json.readTree("{\"from\": 0.002, \"to\": 0.05, \"perDecade\": 1}");
    assertEquals(List.of(0.01), SearchSpace.logGrid(offGrid, "test"));
  }

  @Test
  void everyStrategyHasAShippedSpaceAndTheBoostedOnesSearchTheirParameters() {
    for (String id : Strategies.ids()) {
      SearchSpace space = SearchSpace.shipped(id);
      assertFalse(space.enumerate().isEmpty(), id);
      boolean boosted = List.of("exp-gb", "pow3-gb", "mirrored-exp").contains(id);
      assertEquals(boosted, space.searchesStrategyParameters(), id);
    }
    SearchSpace expGb = SearchSpace.shipped("exp-gb");
    assertEquals(9 * 5 * 2 * 1 * 4, expGb.enumerate().size());
    assertTrue(expGb.learningRates().contains(0.01));
  }

  @Test
  void combinationsTheStrategyRefusesAreLeftOut() {
    SearchSpace space =
        new SearchSpace(
            "pow3-gb",
            List.of(0.01),
            List.of(0.001),
            List.of(),
            List.of(-1.0, 5.0),
            List.of(2.0, 10.0));
    // negativeTarget 5 with positiveTarget 2 is refused (positive must be above negative)
    assertEquals(3, space.enumerate().size());
    assertTrue(space.enumerate().stream().allMatch(p -> p.negativeTarget() < p.positiveTarget()));
    assertTrue(space.enumerate().stream().allMatch(p -> p.beta() == null));
  }

  @Test
  void badSpaceFilesAreRefusedNamingFileStrategyAndField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("space.json");
    Files.writeString(file, "{\"exp-gb\": {\"learningRate\": [0.01], \"gamma\": [1]}}");
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb"));
    assertTrue(
        unknown.getMessage().contains(file + ", strategy exp-gb: unknown field 'gamma'"),
        unknown.getMessage());

    Files.writeString(file, "{\"exp-gb\": {\"alpha\": [0.1]}}");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb"))
            .getMessage()
            .contains("learningRate is missing"));

    Files.writeString(file, "{\"exp-gb\": {\"learningRate\": [0.01, -1]}}");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb"))
            .getMessage()
            .contains("learningRate values must be finite and > 0, got -1.0"));

    Files.writeString(file, "{\"exp-gb\": {\"learningRate\": [0.01], \"alpha\": [\"big\"]}}");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb"))
            .getMessage()
            .contains("alpha: values must be finite numbers, got \"big\""));

    Files.writeString(
        file, "{\"exp-gb\": {\"learningRate\": {\"from\": 1, \"to\": 0.1, \"perDecade\": 4}}}");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb"))
            .getMessage()
            .contains("log grid needs 0 < from <= to"));

    Files.writeString(file, "{\"pow3-gb\": {\"learningRate\": [0.01]}}");
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb"));
    assertTrue(
        missing.getMessage().contains("has no space for strategy 'exp-gb'; it has [pow3-gb]"),
        missing.getMessage());

    Files.writeString(file, "{\"exp-gb\": [1, 2");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb"))
            .getMessage()
            .contains("not valid JSON"));

    Files.writeString(
        file, "{\"exp-gb\": {\"learningRate\": [0.01]},\n \"exp-gb\": {\"learningRate\": [1]}}");
    String twice =
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb"))
            .getMessage();
    assertTrue(
        twice.contains("search-space file " + file)
            && twice.contains("Duplicate field 'exp-gb'")
            && twice.contains("line 2"),
        twice);

    Files.writeString(
        file,
        "{\"exp-gb\": {\"learningRate\": [0.01], \"negativeTarget\": [10], \"positiveTarget\": [1]}}");
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> SearchSpace.read(file, "exp-gb").enumerate())
            .getMessage()
            .contains("holds no valid combination"));
  }
}
