package org.deltaboost.harness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTraceSummaryTest {

  /**
   * A two-step trace of the training thread (tid 1): operators, one nested in another, one inside a
   * user range; and a stray event of another thread (tid 9).
   */
  private static final String TWO_STEPS =
      "[\n"
          + "{\"name\": \"aten::addmm\", \"ph\": \"X\", \"ts\": 100, \"dur\": 500, \"tid\": 1},\n"
          + "{\"name\": \"aten::copy_\", \"ph\": \"X\", \"ts\": 150, \"dur\": 20, \"tid\": 1},\n"
          + "{\"name\": \"autograd::engine::evaluate_function: AddmmBackward0\", \"ph\": \"X\", \"ts\": 700,"
          + " \"dur\": 300, \"tid\": 1},\n"
          + "{\"name\": \"aten::mm\", \"ph\": \"X\", \"ts\": 710, \"dur\": 250, \"tid\": 1},\n"
          + "{\"name\": \"Optimizer.step#SGD.step\", \"ph\": \"X\", \"ts\": 1150, \"dur\": 600, \"tid\": 1},\n"
          + "{\"name\": \"aten::addmm\", \"ph\": \"X\", \"ts\": 1200, \"dur\": 500, \"tid\": 1},\n"
          + "{\"name\": \"autograd::engine::evaluate_function: AddmmBackward0\", \"ph\": \"X\", \"ts\": 1800,"
          + " \"dur\": 300, \"tid\": 1},\n"
          + "{\"name\": \"aten::relu\", \"ph\": \"X\", \"ts\": 2000, \"dur\": 50, \"tid\": 9},\n"
          + "{\"name\": \"marker\", \"ph\": \"i\", \"ts\": 2500, \"tid\": 1}\n"
          + "]";

  @Test
  void splitsEachStepIntoOperatorsAndTheTimeBetween(@TempDir Path dir) throws IOException {
    Path trace = Files.writeString(dir.resolve("trace.json"), TWO_STEPS);
    EngineTraceSummary summary = EngineTraceSummary.read(trace, 2);
    // Span 100 .. 2100 us over two steps; top-level operators 500 + 300 + 500 + 300 us.
    assertEquals(1.0, summary.spanMillis(), 1e-12);
    assertEquals(0.8, summary.operatorMillis(), 1e-12);
    assertEquals(0.2, summary.betweenMillis(), 1e-12);
    assertEquals(2.0, summary.operatorsPerStep(), 1e-12);
    assertEquals(2, summary.top().size());
    assertEquals(
        new EngineTraceSummary.OperatorTime("aten::addmm", 0.5, 1.0), summary.top().get(0));
    assertEquals(
        new EngineTraceSummary.OperatorTime("backward: AddmmBackward0", 0.3, 1.0),
        summary.top().get(1));
    assertEquals(
        "1.000 ms per step: 0.800 ms in 2 engine operators, 0.200 ms between them (20%); longest:"
            + " aten::addmm 0.500 ms, backward: AddmmBackward0 0.300 ms",
        summary.describe());
  }

  @Test
  void readsTheObjectFormToo(@TempDir Path dir) throws IOException {
    Path trace =
        Files.writeString(dir.resolve("trace.json"), "{\"traceEvents\": " + TWO_STEPS + "}");
    assertEquals(1.0, EngineTraceSummary.read(trace, 2).spanMillis(), 1e-12);
  }

  @Test
  void refusesFilesWithoutOperators(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
    assertTrue(
        assertThrows(IOException.class, () -> EngineTraceSummary.read(empty, 1))
            .getMessage()
            .contains("holds no engine operator"));
    Path other = Files.writeString(dir.resolve("other.json"), "{\"events\": []}");
    assertTrue(
        assertThrows(IOException.class, () -> EngineTraceSummary.read(other, 1))
            .getMessage()
            .contains("not a Chrome trace"));
    Path broken = Files.writeString(dir.resolve("broken.json"), "[{\"ph\": \"X\", ");
    assertThrows(IOException.class, () -> EngineTraceSummary.read(broken, 1));
    assertThrows(IllegalArgumentException.class, () -> EngineTraceSummary.read(empty, 0));
  }
}
