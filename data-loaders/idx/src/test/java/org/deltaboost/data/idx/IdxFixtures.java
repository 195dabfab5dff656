package org.deltaboost.data.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small IDX files written byte by byte, independently of the reader under test. */
final class IdxFixtures {
  private IdxFixtures() {}

  /** How a fixture file is stored. */
  enum Encoding {
    RAW,
    GZIP;

    byte[] encode(byte[] content) {
      if (this == RAW) {
        return content;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
        gzip.write(content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    /** The conventional file name: {@code .gz} appended for gzip. */
    String fileName(String base) {
      return this == RAW ? base : base + ".gz";
    }
  }

  /** A big-endian header of the given ints followed by the body. */
  static byte[] idx(byte[] body, int... header) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * header.length + body.length);
    for (int value : header) {
      buffer.putInt(value);
    }
    return buffer.put(body).array();
  }

  /** count images of rows×cols; pixel k of image i is (i·rows·cols + k + 100) mod 256. */
  static byte[] imageBody(int count, int rows, int cols) {
    byte[] body = new byte[count * rows * cols];
    for (int j = 0; j < body.length; j++) {
      body[j] = (byte) (j + 100);
    }
    return body;
  }

  static byte[] images(int count, int rows, int cols) {
    return idx(imageBody(count, rows, cols), IdxImageFile.MAGIC, count, rows, cols);
  }

  static byte[] labels(int... values) {
    byte[] body = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      body[i] = (byte) values[i];
    }
    return idx(body, IdxLabelFile.MAGIC, values.length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
