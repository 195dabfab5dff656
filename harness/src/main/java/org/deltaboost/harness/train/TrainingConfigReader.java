package org.deltaboost.harness.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds a {@link TrainingConfig} from three layers, later ones winning field by field: the
 * defaults, an optional JSON file, and command-line overrides.
 */
public final class TrainingConfigReader {

  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Creates a reader. */
  public TrainingConfigReader() {}

  /**
   * Reads the config.
   *
   * @param file a JSON file with any subset of the fields, or {@code null}
   * @param overrides field name (dotted for nested, e.g. {@code strategy.alpha}) to value
   * @return the merged, validated config
   * @throws IllegalArgumentException naming the file and field when something is wrong
   * @throws IOException when the file cannot be read
   */
  public TrainingConfig read(Path file, Map<String, ?> overrides) throws IOException {
    ObjectNode merged = json.valueToTree(TrainingConfig.defaults());
    if (file != null) {
      JsonNode fromFile;
      try {
        fromFile = json.readTree(Files.readString(file));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "config file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (fromFile == null || !fromFile.isObject()) {
        throw new IllegalArgumentException("config file " + file + " must hold a JSON object");
      }
      merge(merged, (ObjectNode) fromFile);
    }
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      set(merged, e.getKey(), json.valueToTree(e.getValue()));
    }
    try {
      return json.treeToValue(merged, TrainingConfig.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String message =
          cause instanceof JsonProcessingException jp ? jp.getOriginalMessage() : cause.getMessage();
      throw new IllegalArgumentException(
          (file != null ? "config file " + file + ": " : "config: ") + message, e);
    }
  }

  /** Serializes a config as it would be written to a file. */
  public String toJson(TrainingConfig config) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("config cannot be written as JSON", e);
    }
  }

  private static void merge(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode o) {
        merge(existingObject, o);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void set(ObjectNode root, String dottedName, JsonNode value) {
    String[] path = dottedName.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode child = node.get(path[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(path[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(path[path.length - 1], value);
  }
}
