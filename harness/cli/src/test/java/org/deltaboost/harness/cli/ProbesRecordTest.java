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
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code deltaboost train} with probes on and off: what {@code epochs.jsonl} holds. */
class ProbesRecordTest {

  private static final Set<String> BASE_FIELDS =
      new TreeSet<>(
          List.of("epoch", "trainLoss", "testError", "seconds", "samplesPerSecond", "evalSeconds"));

  private final StringWriter err = new StringWriter();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private List<JsonNode> train(Path runs, String id, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--dataset",
                "fashion-mnist-embedded",
                "--train-limit",
                "512",
                "--batch-size",
                "128",
                "--epochs",
                "2",
                "--strategy",
                "softmax-ce",
                "--runs-dir",
                runs.toString(),
                "--run-id",
                id,
                "--progress",
                "never"));
    args.addAll(List.of(extra));
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(0, cli.execute(args.toArray(String[]::new)), err.toString());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(runs.resolve(id).resolve("epochs.jsonl"))) {
      lines.add(json.readTree(line));
    }
    // The run record still reads back with probe fields present.
    assertEquals(2, RunRecord.read(runs.resolve(id)).epochs().size());
    return lines;
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void probesOffWriteOnlyTheEpochFields(@TempDir Path runs) throws Exception {
    for (JsonNode line : train(runs, "off")) {
      assertEquals(BASE_FIELDS, fields(line));
    }
  }

  @Test
  void probesOnWriteTheirFields(@TempDir Path runs) throws Exception {
    List<JsonNode> lines =
        train(
            runs,
            "on",
            "--probe-delta-histogram-epochs",
            "2",
            "--probe-delta-histogram-bins",
            "8",
            "--probe-gradient-rms",
            "--probe-softmax-normalization");
    assertFalse(lines.get(0).has("deltaHistogram"), "epoch 1 was not asked for");
    JsonNode histogram = lines.get(1).get("deltaHistogram");
    assertEquals(2, histogram.get("epoch").asInt());
    assertEquals(9, histogram.get("edges").size());
    long total = 0;
    for (JsonNode count : histogram.get("counts")) {
      total += count.asLong();
    }
    // First batch: 128 samples × 10 classes; softmax-ce deltas lie in [−1, 1].
    assertEquals(1280, total);
    assertEquals(1280, histogram.get("values").asLong());
    assertTrue(
        histogram.get("min").asDouble() >= -1 && histogram.get("max").asDouble() <= 1,
        histogram.toString());

    for (JsonNode line : lines) {
      assertTrue(fields(line).containsAll(BASE_FIELDS), line.toString());
      JsonNode rms = line.get("gradientRms");
      String outputLayer = line.get("gradientRmsOutputLayer").asText();
      int outputParameters = 0;
      Iterator<String> names = rms.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        assertTrue(rms.get(name).asDouble() > 0, name + " in " + rms);
        outputParameters += name.startsWith(outputLayer + "_") ? 1 : 0;
      }
      // The MLP: three Linear layers, weight and bias each; the output layer is the last.
      assertEquals(6, rms.size(), rms.toString());
      assertEquals(2, outputParameters, outputLayer + " in " + rms);
      JsonNode normalization = line.get("softmaxNormalization");
      assertEquals(512, normalization.get("samples").asLong());
      assertTrue(
          normalization.get("max").asDouble() >= normalization.get("mean").asDouble(),
          normalization.toString());
      assertEquals(
          Math.log(normalization.get("max").asDouble()),
          normalization.get("logMax").asDouble(),
          1e-9);
    }
  }
}
