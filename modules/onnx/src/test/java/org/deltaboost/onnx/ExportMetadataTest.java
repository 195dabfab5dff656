package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.InputNormalization;
import org.junit.jupiter.api.Test;

class ExportMetadataTest {

  private static final ExportMetadata META =
      new ExportMetadata(
          "pow3-gb",
          0.001,
          -0.25,
          -1,
          10,
          "fashion-mnist",
          List.of("T-shirt/top", "Trouser, long"),
          new InputNormalization(
              1.0 / 255, List.of(0.4914, 0.4822, 0.4465), List.of(0.247, 0.243, 0.261)),
          "2025-01-01T00-00-00-pow3");

  @Test
  void propertiesRoundTripExactly() throws Exception {
    Map<String, String> p = META.toProperties();
    assertEquals("pow3-gb", p.get("deltaboost.strategy"));
    assertEquals("T-shirt/top\nTrouser, long", p.get("deltaboost.class_names"));
    assertEquals(META, ExportMetadata.fromProperties(p, "m.onnx"));
  }

  @Test
  void missingOrMalformedKeysNameTheFileAndKey() {
    Map<String, String> p = new HashMap<>(META.toProperties());
    p.remove("deltaboost.run_id");
    OnnxException a =
        assertThrows(OnnxException.class, () -> ExportMetadata.fromProperties(p, "m.onnx"));
    assertTrue(
        a.getMessage().startsWith("m.onnx: metadata: expected key deltaboost.run_id"),
        a.getMessage());
    Map<String, String> q = new HashMap<>(META.toProperties());
    q.put("deltaboost.alpha", "a lot");
    OnnxException b =
        assertThrows(OnnxException.class, () -> ExportMetadata.fromProperties(q, "m.onnx"));
    assertTrue(
        b.getMessage().contains("deltaboost.alpha: expected a number, found 'a lot'"),
        b.getMessage());
  }

  @Test
  void fieldsAreValidated() {
    InputNormalization unit = InputNormalization.unitInterval();
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExportMetadata("", 0, 0, 0, 1, "d", List.of("a", "b"), unit, "r"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExportMetadata("s", Double.NaN, 0, 0, 1, "d", List.of("a", "b"), unit, "r"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExportMetadata("s", 0, 0, 0, 1, "d", List.of("a"), unit, "r"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ExportMetadata("s", 0, 0, 0, 1, "d", List.of("a", "b\nc"), unit, "r"));
    assertTrue(e.getMessage().contains("single lines"), e.getMessage());
  }
}
