package org.deltaboost.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run record files read and written back: the fixtures are in the form the harness writes
 * (field order, compact epoch lines, indented files), so writing what was read gives them back byte
 * for byte.
 */
class RunRecordJsonTest {
  @TempDir Path tmp;

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(RunRecordJsonTest.class.getResource(name).toURI());
  }

  @Test
  void epochLinesReadAndWrittenBackAreByteIdentical() throws Exception {
    Path file = fixture("epochs.jsonl");
    List<EpochRecord> epochs = RunRecordJson.readEpochs(file);
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, epochs.size());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(lines.get(i), RunRecordJson.epochLine(epochs.get(i)));
    }
    EpochRecord first = epochs.get(0);
    assertEquals(0.3, first.result().testError());
    assertNull(first.result().top5Error());
    assertEquals(List.of(1L, 9L), first.probes().deltaHistogram().counts());
    assertEquals(
        List.of("01Linear_weight", "01Linear_bias", "02Linear_weight", "02Linear_bias"),
        List.copyOf(first.probes().gradientRms().keySet()));
    assertNull(first.probes().softmaxNormalization().mean());
    assertEquals(4.0 / Math.log(10), first.probes().softmaxNormalization().log10Max(), 1e-12);
    EpochRecord second = epochs.get(1);
    assertEquals(Arrays.asList(0.75, null, 0.65), second.result().classIou());
    assertNull(second.probes().deltaHistogram());
    assertNull(second.probes().gradientRms());
  }

  @Test
  void resultFilesReadAndWrittenBackAreByteIdentical() throws Exception {
    for (String name : List.of("result-completed.json", "result-diverged.json")) {
      Path file = fixture(name);
      assertEquals(Files.readString(file), RunRecordJson.fileText(RunRecordJson.readResult(file)));
    }
    assertEquals(
        RunResult.completed(0.25, 0.25, 2, 2, 3),
        RunRecordJson.readResult(fixture("result-completed.json")));
    assertEquals(
        RunResult.diverged("exp-gb diverged: loss NaN at epoch 3, step 7", 3, 7),
        RunRecordJson.readResult(fixture("result-diverged.json")));
  }

  /** The file form the harness wrote before the record types: a status, then a map. */
  @Test
  void resultFileMatchesTheMapFormItReplaces() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", "completed");
    result.put("finalTestError", 0.5);
    result.put("minTestError", 0.25);
    result.put("convergenceEpoch", 3);
    result.put("epochs", 4);
    assertEquals(
        RunRecordJson.fileText(result),
        RunRecordJson.fileText(RunResult.completed(0.5, 0.25, 3, 4, 0)));
    Map<String, Object> failed = new LinkedHashMap<>();
    failed.put("status", "failed");
    failed.put("message", "disk full");
    assertEquals(
        RunRecordJson.fileText(failed), RunRecordJson.fileText(RunResult.failed("disk full")));
  }

  @Test
  void strategySummaryReadAndWrittenBackIsByteIdentical() throws Exception {
    String text = Files.readString(fixture("strategy-summary.json"));
    var wrapper = new ObjectMapper().readTree("{\"strategies\":[" + text + "]}");
    List<StrategySummary> read = RunRecordJson.readStrategySummaries(wrapper, "summary.json");
    assertEquals(1, read.size());
    StrategySummary s = read.get(0);
    assertEquals(Double.POSITIVE_INFINITY, s.epochsToTarget().high());
    assertNull(s.secondsToTarget());
    assertEquals(text, RunRecordJson.fileText(s));
    // any mapper writes never-reached as null
    assertEquals(
        "{\"median\":1.0,\"low\":1.0,\"high\":null}",
        new ObjectMapper().writeValueAsString(new Interval(1, 1, Double.POSITIVE_INFINITY)));
  }

  @Test
  void unknownFieldsAreIgnoredAndOptionalOnesMayBeMissing() {
    EpochRecord e =
        RunRecordJson.readEpochLine(
            "{\"epoch\":1,\"testError\":0.5,\"seconds\":2.0,\"evalSeconds\":0.1,\"future\":[1]}",
            "line 1");
    assertEquals(new EpochResult(1, 0, 0.5, 2.0, 0, 0.1), e.result());
    assertEquals(EpochProbes.NONE, e.probes());
  }

  @Test
  void aMissingRequiredFieldOrBadValueNamesWhereAndWhat() throws IOException {
    RunRecordException missing =
        assertThrows(
            RunRecordException.class,
            () -> RunRecordJson.readEpochLine("{\"epoch\":1,\"seconds\":2.0}", "f line 3"));
    assertEquals("f line 3: field 'testError' is missing", missing.getMessage());
    RunRecordException notFraction =
        assertThrows(
            RunRecordException.class,
            () ->
                RunRecordJson.readEpochLine(
                    "{\"epoch\":1,\"testError\":0.5,\"seconds\":2.0,\"evalSeconds\":0.1,"
                        + "\"meanIou\":45}",
                    "f line 1"));
    assertTrue(
        notFraction.getMessage().contains("field 'meanIou' is 45.0, expected a fraction"),
        notFraction.getMessage());
    Path outOfOrder = tmp.resolve("epochs.jsonl");
    Files.writeString(
        outOfOrder, "{\"epoch\":2,\"testError\":0.5,\"seconds\":2.0,\"evalSeconds\":0.1}\n");
    RunRecordException order =
        assertThrows(RunRecordException.class, () -> RunRecordJson.readEpochs(outOfOrder));
    assertTrue(order.getMessage().endsWith("expected 1 (epochs in order from 1)"));
    assertEquals(List.of(), RunRecordJson.readEpochs(tmp.resolve("absent.jsonl")));
  }

  @Test
  void aHistogramWhoseCountsContradictItsValuesIsRefused() {
    RunRecordException e =
        assertThrows(
            RunRecordException.class,
            () ->
                RunRecordJson.readEpochLine(
                    "{\"epoch\":1,\"testError\":0.5,\"seconds\":2.0,\"evalSeconds\":0.1,"
                        + "\"deltaHistogram\":{\"epoch\":1,\"values\":10,\"min\":-1.0,"
                        + "\"max\":1.0,\"edges\":[-1.0,0.0,1.0],\"counts\":[1,2]}}",
                    "f line 1"));
    assertEquals("f line 1 deltaHistogram: counts sum to 3, field 'values' is 10", e.getMessage());
  }

  @Test
  void aHistogramOfDeltasRoundTrips() {
    DeltaHistogram h = DeltaHistogram.of(4, new float[] {-1, 0, 0.5f, 1}, 2);
    EpochRecord record =
        new EpochRecord(
            new EpochResult(4, 0.1, 0.2, 3, 100, 0.5), new EpochProbes(h, null, null, null));
    assertEquals(
        record, RunRecordJson.readEpochLine(RunRecordJson.epochLine(record), "round trip"));
  }
}
