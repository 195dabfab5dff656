package org.deltaboost.harness.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningRecordTest {

  private static SeedOutcome completed(long seed, double min) {
    return new SeedOutcome(seed, "run" + seed, "completed", min, min + 0.01, 2);
  }

  private static SeedOutcome diverged(long seed) {
    return new SeedOutcome(seed, "run" + seed, "diverged", null, null, null);
  }

  private static TunedParameters lr(double value) {
    return new TunedParameters(value, null, null, null, null);
  }

  @Test
  void scoreIsTheMedianOverSeedsOfTheMinimumErrorWithDivergenceAsOne() {
    ConfigurationOutcome three =
        ConfigurationOutcome.of(
            2, false, lr(0.1), List.of(completed(1, 0.3), completed(2, 0.1), diverged(3)));
    assertEquals(0.3, three.score());
    assertEquals(1, three.diverged());
    ConfigurationOutcome two =
        ConfigurationOutcome.of(3, false, lr(0.2), List.of(completed(1, 0.2), diverged(2)));
    assertEquals(0.6, two.score(), 1e-12);
    ConfigurationOutcome allDiverged =
        ConfigurationOutcome.of(4, false, lr(1), List.of(diverged(1), diverged(2)));
    assertEquals(1.0, allDiverged.score());
  }

  @Test
  void winnerIsTheLowestScoreTiesGoToTheLowerMeanThenTheEarlierOne(@TempDir Path dir)
      throws IOException {
    ConfigurationOutcome baseline =
        ConfigurationOutcome.of(1, true, lr(0.2), List.of(completed(1, 0.20), completed(2, 0.22)));
    ConfigurationOutcome tiedWorseMean =
        ConfigurationOutcome.of(
            2, false, lr(0.1), List.of(completed(1, 0.10), completed(2, 0.12), completed(3, 0.5)));
    ConfigurationOutcome tiedBetterMean =
        ConfigurationOutcome.of(
            3,
            false,
            lr(0.05),
            List.of(completed(1, 0.11), completed(2, 0.12), completed(3, 0.13)));
    TuningRecord record = record(List.of(baseline, tiedWorseMean, tiedBetterMean), true);
    assertEquals(3, record.winner().index());
    assertEquals(
        List.of(3, 2, 1), record.ranked().stream().map(ConfigurationOutcome::index).toList());
    String table = record.render();
    assertTrue(table.contains("c3    lr=0.05"), table);
    assertTrue(table.lines().anyMatch(l -> l.contains("c1") && l.endsWith("baseline")), table);
    assertTrue(table.lines().anyMatch(l -> l.contains("c3") && l.endsWith("winner")), table);

    record.write(dir);
    TuningRecord read = TuningRecord.read(dir);
    assertEquals(record, read);
    assertEquals(List.of(), read.differencesFrom(record));
  }

  @Test
  void differencesNameTheFieldsAndUnreadableRecordsNameTheFile(@TempDir Path dir)
      throws IOException {
    TuningRecord a = record(List.of(), false);
    ObjectNode otherBase = a.baseConfig().deepCopy();
    otherBase.put("epochs", 9);
    TuningRecord b =
        new TuningRecord(
            "exp-gb",
            "quick",
            TuningRecord.OBJECTIVE,
            "random",
            7,
            5,
            List.of(1L, 2L, 3L),
            otherBase,
            a.space(),
            false,
            List.of(),
            null);
    List<String> differences = a.differencesFrom(b);
    assertEquals(
        List.of("searchSeed (recorded: 1, asked: 7)", "baseConfig.epochs (recorded: 3, asked: 9)"),
        differences);

    Files.writeString(dir.resolve(TuningRecord.FILE), "{\"strategy\": ");
    IOException bad = assertThrows(IOException.class, () -> TuningRecord.read(dir));
    assertTrue(
        bad.getMessage().contains("cannot read tuning record " + dir.resolve(TuningRecord.FILE)),
        bad.getMessage());
  }

  private static TuningRecord record(List<ConfigurationOutcome> outcomes, boolean complete) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode base = json.createObjectNode().put("dataset", "fashion-mnist").put("epochs", 3);
    return new TuningRecord(
        "exp-gb",
        "quick",
        TuningRecord.OBJECTIVE,
        "random",
        1,
        3,
        List.of(1L, 2L, 3L),
        base,
        SearchSpace.shipped("exp-gb").toJson(),
        complete,
        outcomes,
        null);
  }
}
