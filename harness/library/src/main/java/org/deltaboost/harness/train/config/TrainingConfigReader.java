package org.deltaboost.harness.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TrainingConfig} from three layers, later ones winning field by field: the
 * defaults, an optional JSON file, and command-line overrides. Files are read as {@link
 * StrictJson}; fields are mapped strictly too: an unknown field, {@code null} for a number or a
 * boolean, and a fraction for an integer are refused, naming the field.
 *
 * <p>{@code resume} was a field until run control left the config: a layer or override that still
 * says {@code "resume": false} (starting afresh, what every run now does unless told) reads as if
 * it were left out; {@code true} is refused, pointing to {@code train --resume}. Run records drop
 * it whatever its value ({@link ConfigLayer#ofRunRecord}).
 */
public final class TrainingConfigReader {

  /** The run-control field configs written by earlier builds carry. */
  static final String LEGACY_RESUME = "resume";

  private final ObjectMapper json = StrictJson.mapper();

  /** Creates a reader. */
  public TrainingConfigReader() {}

  /**
   * Reads the config.
   *
   * @param file a JSON file with any subset of the fields, or {@code null}
   * @param overrides field name (dotted for nested, e.g. {@code strategy.alpha}) to value
   * @return the merged, validated config
   * @throws IllegalArgumentException naming the file and field when something is wrong
   * @throws IOException when the file cannot be read, naming it and why
   */
  public TrainingConfig read(Path file, Map<String, ?> overrides) throws IOException {
    return file == null
        ? readLayers(List.of(), overrides)
        : readLayers(List.of(ConfigLayer.of(file)), overrides);
  }

  /**
   * Reads the config from layers over the defaults, each later one winning field by field, then the
   * overrides.
   *
   * @param layers partial configs, e.g. an experiment's base, its strategy's fields, a user file
   * @param overrides field name (dotted for nested, e.g. {@code strategy.alpha}) to value
   * @return the merged, validated config
   * @throws IllegalArgumentException naming the first layer that makes the config invalid
   */
  public TrainingConfig readLayers(List<ConfigLayer> layers, Map<String, ?> overrides) {
    ObjectNode merged = json.valueToTree(TrainingConfig.defaults());
    for (ConfigLayer layer : layers) {
      ObjectNode fields = layer.fields();
      if (fields.has(LEGACY_RESUME)) {
        requireNoResume(fields.get(LEGACY_RESUME), layer.origin());
        fields = fields.deepCopy();
        fields.remove(LEGACY_RESUME);
      }
      merge(merged, fields);
      convert(merged, layer.origin() + ": ");
    }
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      JsonNode value = json.valueToTree(e.getValue());
      if (e.getKey().equals(LEGACY_RESUME)) {
        requireNoResume(value, "config");
      } else {
        set(merged, e.getKey(), value);
      }
    }
    return convert(
        merged,
        layers.isEmpty() || !overrides.isEmpty()
            ? "config: "
            : layers.get(layers.size() - 1).origin() + ": ");
  }

  private static void requireNoResume(JsonNode value, String origin) {
    if (!value.isBoolean() || value.booleanValue()) {
      throw new IllegalArgumentException(
          origin
              + ": resume is run control, not a config field: continue a run folder with"
              + " train --run-id ID --resume");
    }
  }

  private TrainingConfig convert(ObjectNode merged, String origin) {
    try {
      return json.treeToValue(merged, TrainingConfig.class);
    } catch (JsonProcessingException e) {
      String message =
          e.getCause() instanceof IllegalArgumentException refused
              ? refused.getMessage()
              : StrictJson.describe(e);
      throw new IllegalArgumentException(origin + message, e);
    }
  }

  /**
   * Returns a config's fields as the JSON tree a file holding it reads back as (numbers in their
   * smallest node type), so that it compares equal to a config read from a run record.
   */
  public ObjectNode toTree(TrainingConfig config) {
    try {
      return (ObjectNode) json.readTree(json.writeValueAsString(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("config cannot be written as JSON", e);
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

  /** Merges {@code source} into {@code target}, objects field by field, anything else replaced. */
  static void merge(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject
          && field.getValue() instanceof ObjectNode o) {
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
