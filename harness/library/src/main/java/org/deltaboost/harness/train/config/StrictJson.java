package org.deltaboost.harness.train.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The JSON a user writes (config files, experiment files, {@code --set} values), read strictly:
 * UTF-8 text (an optional byte-order mark) of at most {@link #MAX_BYTES} bytes holding exactly one
 * JSON value, nested at most {@link #MAX_DEPTH} deep, with no field named twice in an object (the
 * last one would silently win). Every error is one line naming the origin (e.g. {@code config file
 * run.json}) and, for the content, the line and column.
 */
public final class StrictJson {

  /** The largest file read: configs and experiments are a few KB. */
  public static final int MAX_BYTES = 1 << 20;

  /** The deepest nesting of arrays and objects: configs are 3 deep. */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER = mapper();

  private static final Pattern SOURCE_EXCERPT =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private StrictJson() {}

  /**
   * Returns a mapper that parses as this class describes, and maps trees to records refusing
   * unknown fields, {@code null} for a number or boolean, and a fraction for an integer.
   */
  public static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_BYTES)
                    .maxNumberLength(100)
                    .build())
            .build();
    return new ObjectMapper(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  /**
   * Reads a file.
   *
   * @param file the file
   * @param origin how errors name it, e.g. {@code config file run.json}
   * @return its JSON value
   * @throws IOException when it cannot be read: missing, a directory, not permitted
   * @throws IllegalArgumentException when its content is not as this class describes
   */
  public static JsonNode readFile(Path file, String origin) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(origin + ": is a directory, expected a JSON file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new IOException(origin + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException(origin + ": permission denied", e);
    }
    return read(bytes, origin);
  }

  /**
   * Parses bytes.
   *
   * @param bytes UTF-8 text
   * @param origin how errors name it
   * @return the JSON value they hold
   * @throws IllegalArgumentException when they are not as this class describes
   */
  public static JsonNode read(byte[] bytes, String origin) {
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          origin + ": more than " + MAX_BYTES + " bytes; a JSON config is a few KB");
    }
    String text = utf8(bytes, origin);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return parse(text, origin);
  }

  /**
   * Parses text.
   *
   * @param text JSON text
   * @param origin how errors name it
   * @return the JSON value it holds
   * @throws IllegalArgumentException when it is not one JSON value as this class describes
   */
  public static JsonNode parse(String text, String origin) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(origin + ": empty, expected a JSON value");
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(origin + ": not valid JSON: " + describe(e), e);
    }
  }

  /**
   * Describes a Jackson error in one line: its message without Jackson's source excerpt, the field
   * path when a mapping names one, and the line and column where the parser was.
   */
  public static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    // Jackson names a start marker's place with its source excerpt; keep only line and column.
    message = SOURCE_EXCERPT.matcher(message).replaceAll("line $1, column $2");
    StringBuilder line = new StringBuilder(message.strip());
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String path = fieldPath(mapping);
      if (!path.isEmpty()) {
        line.insert(0, "field " + path + ": ");
      }
    }
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      line.append(
          String.format(
              Locale.ROOT, " (line %d, column %d)", location.getLineNr(), location.getColumnNr()));
    }
    return line.toString();
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String utf8(byte[] bytes, String origin) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s: not UTF-8 text (byte 0x%02X at offset %d)",
              origin,
              bytes[offset] & 0xFF,
              offset));
    }
    return out.flip().toString();
  }
}
