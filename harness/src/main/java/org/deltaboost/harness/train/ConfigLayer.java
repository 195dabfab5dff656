package org.deltaboost.harness.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A partial {@link TrainingConfig}: any subset of its fields as JSON, and where they came from
 * (named in errors).
 *
 * @param origin e.g. {@code config file run.json} or {@code experiment quick, strategy exp-gb}
 * @param fields the fields
 */
public record ConfigLayer(String origin, ObjectNode fields) {

  /** Reads a JSON file holding an object of config fields. */
  public static ConfigLayer of(Path file) throws IOException {
    return of("config file " + file, Files.readString(file));
  }

  /** Parses JSON text holding an object of config fields. */
  public static ConfigLayer of(String origin, String text) {
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(origin + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return of(origin, node);
  }

  /** Wraps a JSON node, which must be an object. */
  public static ConfigLayer of(String origin, JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(origin + " must hold a JSON object");
    }
    return new ConfigLayer(origin, object);
  }
}
