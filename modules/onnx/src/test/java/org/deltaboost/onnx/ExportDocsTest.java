package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/export.md keeps up with the files: its Triton {@code config.pbtxt} is the one {@link
 * TritonServingTest} serves, and its metadata table names every key the exporter writes.
 */
class ExportDocsTest {

  private static final Path PAGE = Path.of("../../docs/export.md");

  @Test
  void theTritonConfigurationIsTheOneServedByTheTest() throws Exception {
    String page = Files.readString(PAGE);
    assertTrue(
        page.contains("```\n" + TritonServingTest.CONFIG + "```\n"),
        "docs/export.md must show TritonServingTest.CONFIG verbatim:\n" + TritonServingTest.CONFIG);
  }

  @Test
  void everyMetadataKeyIsExplained() throws Exception {
    String page = Files.readString(PAGE);
    List<String> keys = new ArrayList<>(TestNetworks.metadata().toProperties().keySet());
    keys.add(InputForm.KEY);
    keys.add(OnnxExporter.TEMPERATURE_KEY);
    for (String key : keys) {
      assertTrue(page.contains("| `" + key + "`") || page.contains(", `" + key + "` |"), key);
    }
    for (InputForm form : InputForm.values()) {
      assertTrue(page.contains("`" + form.id() + "`"), form.id());
    }
  }
}
