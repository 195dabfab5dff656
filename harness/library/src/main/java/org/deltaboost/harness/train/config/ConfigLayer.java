package org.deltaboost.harness.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A partial {@link TrainingConfig}: any subset of its fields as JSON, and where they came from
 * (named in errors). Files and text are read as {@link StrictJson}.
 *
 * @param origin e.g. {@code config file run.json} or {@code experiment quick, strategy exp-gb}
 * @param fields the fields
 */
public record ConfigLayer(String origin, ObjectNode fields) {

  /**
   * Reads a JSON file holding an object of config fields.
   *
   * @throws IOException when the file cannot be read (missing, a directory, not permitted), naming
   *     it
   * @throws IllegalArgumentException when its content is not a strict JSON object, naming the file
   *     and the line
   */
  public static ConfigLayer of(Path file) throws IOException {
    String origin = "config file " + file;
    return of(origin, StrictJson.readFile(file, origin));
  }

  /**
   * Parses JSON text holding an object of config fields.
   *
   * @throws IllegalArgumentException when it is not a strict JSON object, naming {@code origin}
   */
  public static ConfigLayer of(String origin, String text) {
    return of(origin, StrictJson.parse(text, origin));
  }

  /**
   * The {@code config} object of a run folder's {@code config.json}. Folders written before run
   * control left {@link TrainingConfig} carry a {@code resume} field; it is dropped, as it never
   * changed the numbers.
   *
   * @param folder the run folder, named in errors
   * @param config the object as read
   */
  public static ConfigLayer ofRunRecord(Path folder, JsonNode config) {
    ConfigLayer layer = of("run record " + folder, config);
    ObjectNode fields = layer.fields().deepCopy();
    fields.remove(TrainingConfigReader.LEGACY_RESUME);
    return new ConfigLayer(layer.origin(), fields);
  }

  /** Wraps a JSON node, which must be an object. */
  public static ConfigLayer of(String origin, JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(origin + " must hold a JSON object");
    }
    return new ConfigLayer(origin, object);
  }
}
