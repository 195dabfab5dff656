package org.deltaboost.architectures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Writes safetensors files for tests straight from the format's definition: 8-byte little-endian
 * header length, JSON header, raw bytes. Tensor bytes are given already encoded.
 */
final class SafetensorsFixture {
  private final StringJoiner header = new StringJoiner(",", "{", "}");
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  /** Adds a tensor whose header entry is exactly as the arguments say. */
  SafetensorsFixture add(String name, String dtype, long[] shape, byte[] bytes) {
    long begin = data.size();
    data.writeBytes(bytes);
    header.add(
        "\""
            + name
            + "\":{\"dtype\":\""
            + dtype
            + "\",\"shape\":"
            + Arrays.toString(shape)
            + ",\"data_offsets\":["
            + begin
            + ","
            + data.size()
            + "]}");
    return this;
  }

  /** Adds an F32 tensor. */
  SafetensorsFixture addF32(String name, long[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return add(name, "F32", shape, b.array());
  }

  /** Adds a raw header entry (for malformed headers). */
  SafetensorsFixture addRawEntry(String json) {
    header.add(json);
    return this;
  }

  /** Adds raw bytes to the data section. */
  SafetensorsFixture addData(byte[] bytes) {
    data.writeBytes(bytes);
    return this;
  }

  Path write(Path file) throws IOException {
    return write(file, header.toString());
  }

  /** Writes the file with an arbitrary header text. */
  Path write(Path file, String headerText) throws IOException {
    byte[] json = headerText.getBytes(StandardCharsets.UTF_8);
    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(length.array());
    out.writeBytes(json);
    out.writeBytes(data.toByteArray());
    return Files.write(file, out.toByteArray());
  }

  /** Little-endian bytes of 16-bit words. */
  static byte[] words(int... words) {
    ByteBuffer b = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int w : words) {
      b.putShort((short) w);
    }
    return b.array();
  }
}
