package org.deltaboost.harness.train.optim;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The header of an array as DJL 0.36 encodes it ({@link NDArray#encode}, read back by {@code
 * NDManager.decode}), read without allocating anything its fields claim, so that a claimed shape or
 * length can be checked before DJL allocates it.
 *
 * <p>Layout (encoding version 3, big-endian): UTF {@code "NDAR"}, int version (3), byte name flag
 * (1: a UTF name follows), UTF sparse format, UTF data type, the shape (int rank, rank longs, int
 * layout length, that many chars), byte order ({@code '>'} big-endian, else little), int data
 * length, then the data. The rank and the layout length are bounded by {@link #MAX_RANK} before
 * they are read; strings are UTF fields of at most 65535 bytes by construction.
 *
 * @param dataType the data type's name ({@link DataType#name})
 * @param shape the dimensions
 * @param layout the layout's characters
 * @param length the data's length in bytes as declared
 */
public record EncodedArrayHeader(String dataType, long[] shape, String layout, int length) {

  /** The most dimensions accepted (PyTorch's own limit is 64). */
  public static final int MAX_RANK = 64;

  private static final int VERSION = 3;

  /**
   * Reads a header, leaving {@code in} at the first data byte.
   *
   * @throws MalformedModelException when a field is not what DJL 0.36 writes or out of bounds
   * @throws IOException when the stream ends or fails
   */
  public static EncodedArrayHeader read(DataInputStream in)
      throws IOException, MalformedModelException {
    String magic = in.readUTF();
    if (!"NDAR".equals(magic)) {
      throw new MalformedModelException("an array does not start with NDAR");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new MalformedModelException(
          "an array has encoding version " + version + ", expected " + VERSION);
    }
    if (in.readByte() == 1) {
      in.readUTF(); // the name
    }
    in.readUTF(); // the sparse format, ignored by DJL
    String dataType = in.readUTF();
    int rank = in.readInt();
    if (rank < 0 || rank > MAX_RANK) {
      throw new MalformedModelException(
          "an array claims " + rank + " dimensions, at most " + MAX_RANK + " are read");
    }
    long[] shape = new long[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = in.readLong();
    }
    int layoutLength = in.readInt();
    if (layoutLength < 0 || layoutLength > MAX_RANK) {
      throw new MalformedModelException(
          "an array claims a layout of "
              + layoutLength
              + " characters, at most "
              + MAX_RANK
              + " are read");
    }
    char[] layout = new char[layoutLength];
    for (int i = 0; i < layoutLength; i++) {
      layout[i] = in.readChar();
    }
    in.readByte(); // byte order
    return new EncodedArrayHeader(dataType, shape, new String(layout), in.readInt());
  }

  /** Reads the header of a whole encoded array, {@code encoded}, trusted (written by DJL here). */
  public static EncodedArrayHeader of(byte[] encoded, int offset, int length) {
    try {
      return read(new DataInputStream(new ByteArrayInputStream(encoded, offset, length)));
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("DJL wrote an array this reader does not understand", e);
    }
  }

  /** Returns whether {@code bytes} from {@code offset} start with the UTF field {@code "NDAR"}. */
  public static boolean startsAnArray(byte[] bytes, int offset, int length) {
    return length >= 6
        && bytes[offset] == 0
        && bytes[offset + 1] == 4
        && bytes[offset + 2] == 'N'
        && bytes[offset + 3] == 'D'
        && bytes[offset + 4] == 'A'
        && bytes[offset + 5] == 'R';
  }

  /**
   * Returns what is wrong with this header for an array of {@code expected}'s data type, shape and
   * layout and length, or {@code null} when it matches (the name and byte order may differ).
   */
  public String mismatch(EncodedArrayHeader expected) {
    if (!dataType.equals(expected.dataType)
        || !Arrays.equals(shape, expected.shape)
        || !layout.equals(expected.layout)) {
      return "is stored as " + describe() + " where the network has " + expected.describe();
    }
    if (length != expected.length) {
      return "declares "
          + Integer.toUnsignedString(length)
          + " data bytes where its "
          + expected.describe()
          + " has "
          + expected.length;
    }
    return null;
  }

  /**
   * Returns the data type and shape, e.g. {@code float32 (3, 4)}, the type cut to 40 printable
   * characters.
   */
  String describe() {
    String printable = dataType.replaceAll("\\p{Cntrl}", "?");
    String type = printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    StringBuilder text = new StringBuilder(type.toLowerCase(java.util.Locale.ROOT)).append(" (");
    for (int i = 0; i < shape.length; i++) {
      text.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return text.append(')').toString();
  }
}
