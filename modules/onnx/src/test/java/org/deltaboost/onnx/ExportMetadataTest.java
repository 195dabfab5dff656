package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  @Test
  void normalizationAppliesPerChannel() {
    InputNormalization n = META.inputNormalization();
    // (255/255 − 0.4822) / 0.243 for channel 1, by hand
    assertEquals((1 - 0.4822) / 0.243, n.normalize(255, 1), 1e-6);
    float[] x =
        InputNormalization.unitInterval().apply(new byte[] {0, (byte) 255, (byte) 51}, 1, 1, 3);
    assertArrayEquals(new float[] {0f, 1f, 0.2f}, x, 1e-7f);
    assertThrows(IllegalArgumentException.class, () -> n.normalize(1, 3));
    assertThrows(IllegalArgumentException.class, () -> n.apply(new byte[5], 3, 1, 1));
  }

  @Test
  void normalizationTextRoundTripsAndIsValidated() {
    InputNormalization n = META.inputNormalization();
    assertEquals(n, InputNormalization.parse(n.toString()));
    assertEquals(
        "pixelScale=0.00392156862745098;mean=0.0;std=1.0",
        InputNormalization.unitInterval().toString());
    assertThrows(IllegalArgumentException.class, () -> InputNormalization.parse("mean=0"));
    assertThrows(
        IllegalArgumentException.class,
        () -> InputNormalization.parse("pixelScale=x;mean=0;std=1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InputNormalization(1, List.of(0.0), List.of(0.0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InputNormalization(0, List.of(0.0), List.of(1.0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InputNormalization(1, List.of(0.0, 1.0), List.of(1.0)));
  }
}
