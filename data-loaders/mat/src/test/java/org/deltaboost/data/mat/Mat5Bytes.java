package org.deltaboost.data.mat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Builds MATLAB 5 MAT files byte by byte (little endian), valid or not, for the tests. */
final class Mat5Bytes {
  static final int INT8 = 1;
  static final int UINT8 = 2;
  static final int INT32 = 5;
  static final int UINT32 = 6;
  static final int DOUBLE = 9;
  static final int MATRIX = 14;
  static final int COMPRESSED = 15;
  static final int UTF8 = 16;

  static final int CELL = 1;
  static final int STRUCT = 2;
  static final int OBJECT = 3;
  static final int CHAR = 4;
  static final int CLASS_DOUBLE = 6;
  static final int CLASS_UINT8 = 9;

  private Mat5Bytes() {}

  /** The 128-byte header (text, no subsystem, version 0x0100, "IM") followed by the elements. */
  static byte[] file(byte[]... elements) {
    return concat(header("MATLAB 5.0 MAT-file, written by Mat5Bytes"), concat(elements));
  }

  static byte[] header(String text) {
    ByteBuffer header = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
    byte[] ascii = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 116);
    Arrays.fill(ascii, text.length(), 116, (byte) ' ');
    header.put(ascii).putLong(0).putShort((short) 0x0100).put((byte) 'I').put((byte) 'M');
    return header.array();
  }

  /** A full-format element: tag (type, length) and data padded to 8 bytes (none for 14, 15). */
  static byte[] element(int type, byte[] data) {
    return element(type, data.length, data);
  }

  /** An element whose tag declares {@code declared} bytes, whatever follows. */
  static byte[] element(int type, long declared, byte[] data) {
    int padding = type == MATRIX || type == COMPRESSED ? 0 : (8 - data.length % 8) % 8;
    return ByteBuffer.allocate(8 + data.length + padding)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(type)
        .putInt((int) declared)
        .put(data)
        .array();
  }

  static byte[] ints(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      buffer.putInt(v);
    }
    return buffer.array();
  }

  static byte[] doubles(double... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      buffer.putDouble(v);
    }
    return buffer.array();
  }

  /** A matrix element: flags, dimensions, name, then the class's content elements. */
  static byte[] matrix(int arrayClass, String name, int[] dims, byte[]... content) {
    byte[] body =
        concat(
            element(UINT32, ints(arrayClass, 0)),
            element(INT32, ints(dims)),
            element(INT8, name.getBytes(StandardCharsets.US_ASCII)),
            concat(content));
    return element(MATRIX, body);
  }

  /** A double matrix of the given dimensions holding {@code values}. */
  static byte[] doubleMatrix(String name, int[] dims, double... values) {
    return matrix(CLASS_DOUBLE, name, dims, element(DOUBLE, doubles(values)));
  }

  /** A 1x1 struct with the given fields (name, matrix element) in order. */
  static byte[] struct(String name, String[] fields, byte[]... values) {
    int length = 32;
    byte[] names = new byte[length * fields.length];
    for (int i = 0; i < fields.length; i++) {
      byte[] ascii = fields[i].getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(ascii, 0, names, i * length, ascii.length);
    }
    return matrix(
        STRUCT,
        name,
        new int[] {1, 1},
        element(INT32, ints(length)),
        element(INT8, names),
        concat(values));
  }

  /** A compressed element holding {@code element}, zlib as MATLAB writes it. */
  static byte[] compressed(byte[] element) {
    Deflater deflater = new Deflater();
    deflater.setInput(element);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    return element(COMPRESSED, out.toByteArray());
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
