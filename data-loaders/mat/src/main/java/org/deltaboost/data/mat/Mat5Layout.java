package org.deltaboost.data.mat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * The layout of a MATLAB 5 MAT file (what MATLAB writes with {@code -v6} and {@code -v7}), checked
 * before any of it reaches the MAT File Library, so that every size the file declares is bounded by
 * the bytes that are there before anything of that size is allocated.
 *
 * <pre>
 * file      = header element*                      header: 128 bytes
 * header    = text(116) subsystemOffset(8) version(2) = 0x0100, endian(2) = "IM" little | "MI" big
 * element   = tag data padding                     padding: to a multiple of 8 (none after
 *                                                  miMATRIX and miCOMPRESSED)
 * tag       = u32 type, u32 n                      data: n bytes
 *           | u16 n, u16 type   (n ≤ 4)            small element: data in the tag's last 4 bytes
 * top level = miMATRIX (14) | miCOMPRESSED (15)    compressed: a zlib stream of one miMATRIX
 * miMATRIX  = flags dims name content              or empty (n = 0)
 * flags     = miUINT32 ×2: class (low byte), complex 0x800, logical 0x200; nzmax
 * dims      = miINT32 × d, d ≥ 2, each ≥ 0         numel = their product
 * name      = miINT8
 * content   = numeric: real [imaginary], each a numeric element of exactly numel values
 *           | char:    one character element of at least numel code units
 *           | cell:    numel miMATRIX elements
 *           | struct:  field-name length (miINT32 ×1), names (miINT8, fields × length),
 *                      numel × fields miMATRIX elements
 *           | sparse:  ir (miINT32), jc (miINT32, columns + 1), pr [pi]
 * </pre>
 *
 * <p>Checked: every element lies inside the one that holds it, and a matrix's content fills it
 * exactly; numel fits an int; the counts above hold; nesting is at most {@value #MAX_DEPTH} deep; a
 * compressed element inflates to at most the caller's limit, counted as it inflates. Refused with a
 * reason: MATLAB 7.3 (HDF5) files, objects, function handles and opaque classes (no dataset file
 * holds one). Each refusal is one {@link DatasetFormatException} naming the file, the byte offset
 * and what was found.
 */
final class Mat5Layout {
  /** How deep cells and structs may nest. */
  static final int MAX_DEPTH = 32;

  /** The most characters a char array without data (filled with blanks) may declare. */
  static final int MAX_BLANK_CHARS = 1 << 16;

  private static final int HEADER_BYTES = 128;
  private static final int MI_INT8 = 1;
  private static final int MI_UINT8 = 2;
  private static final int MI_UINT16 = 4;
  private static final int MI_INT32 = 5;
  private static final int MI_UINT32 = 6;
  private static final int MI_MATRIX = 14;
  private static final int MI_COMPRESSED = 15;
  private static final int MI_UTF8 = 16;
  private static final int MI_UTF16 = 17;
  private static final int MI_UTF32 = 18;

  private static final int MX_CELL = 1;
  private static final int MX_STRUCT = 2;
  private static final int MX_OBJECT = 3;
  private static final int MX_CHAR = 4;
  private static final int MX_SPARSE = 5;
  private static final int MX_DOUBLE = 6;
  private static final int MX_UINT64 = 15;
  private static final int MX_FUNCTION = 16;
  private static final int MX_OPAQUE = 17;

  private final String file;
  private final long maxInflatedBytes;

  private Mat5Layout(String file, long maxInflatedBytes) {
    this.file = file;
    this.maxInflatedBytes = maxInflatedBytes;
  }

  /**
   * @param content the whole file
   * @param file the file's name, for messages
   * @param maxInflatedBytes the most bytes one compressed element may inflate to
   * @return the file's byte order
   * @throws DatasetFormatException naming the file and the offending offset when the layout does
   *     not hold
   */
  static ByteOrder check(ByteBuffer content, String file, long maxInflatedBytes)
      throws DatasetFormatException {
    return new Mat5Layout(file, maxInflatedBytes).file(content);
  }

  private ByteOrder file(ByteBuffer content) throws DatasetFormatException {
    int size = content.remaining();
    if (size < HEADER_BYTES) {
      throw error(size + " bytes, shorter than the 128-byte header");
    }
    ByteBuffer bytes = content.slice();
    String text = new String(bytes.array(), bytes.arrayOffset(), 116, StandardCharsets.US_ASCII);
    if (text.startsWith("MATLAB 7.3")) {
      throw error("MATLAB 7.3 (HDF5) format, which is not read; save it with -v7");
    }
    ByteOrder order;
    if (bytes.get(126) == 'I' && bytes.get(127) == 'M') {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (bytes.get(126) == 'M' && bytes.get(127) == 'I') {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw error("no MATLAB 5 endian indicator ('IM' or 'MI') at byte 126");
    }
    bytes.order(order);
    int version = Short.toUnsignedInt(bytes.getShort(124));
    if (version != 0x0100) {
      throw error(
          "MAT file version 0x" + Integer.toHexString(version) + " at byte 124; expected 0x100");
    }
    int position = HEADER_BYTES;
    while (position < size) {
      Element element = element(bytes, position, size, "a top-level element");
      if (element.length() == 0) {
        throw error("the top-level element at byte " + position + " is empty");
      }
      if (element.type() == MI_MATRIX) {
        matrix(bytes, element, 0, "the top-level element");
      } else if (element.type() == MI_COMPRESSED) {
        compressed(bytes, element);
      } else {
        throw error(
            "the top-level element at byte "
                + position
                + " has type "
                + element.type()
                + "; expected miMATRIX (14) or miCOMPRESSED (15)");
      }
      position = element.end();
    }
    return order;
  }

  /** An element: its type, where its data starts, its length, and where the next one starts. */
  private record Element(int type, int start, int length, int end) {}

  private Element element(ByteBuffer bytes, int position, int limit, String what)
      throws DatasetFormatException {
    if (limit - position < 8) {
      throw error(what + " at byte " + position + ": its 8-byte tag is cut off");
    }
    int first = bytes.getInt(position);
    int type;
    long length;
    int start;
    long end;
    if ((first >>> 16) != 0) {
      type = first & 0xFFFF;
      length = first >>> 16;
      start = position + 4;
      end = position + 8L;
      if (length > 4) {
        throw error(
            what
                + " at byte "
                + position
                + ": a small element of "
                + length
                + " bytes (at most 4)");
      }
    } else {
      type = first;
      length = Integer.toUnsignedLong(bytes.getInt(position + 4));
      start = position + 8;
      end = start + length;
      if (end > limit) {
        throw error(
            what
                + " at byte "
                + position
                + " declares "
                + length
                + " bytes, but only "
                + (limit - start)
                + " follow");
      }
      if (type != MI_MATRIX && type != MI_COMPRESSED && length % 8 != 0) {
        end += 8 - length % 8;
        if (end > limit) {
          throw error(what + " at byte " + position + ": its padding to 8 bytes is cut off");
        }
      }
    }
    int unit = unitBytes(type);
    if (unit == 0) {
      throw error(what + " at byte " + position + " has the unknown type " + type);
    }
    if (length % unit != 0) {
      throw error(
          what
              + " at byte "
              + position
              + ": "
              + length
              + " bytes of type "
              + type
              + " is not a whole number of "
              + unit
              + "-byte values");
    }
    return new Element(type, start, (int) length, (int) end);
  }

  /** Bytes per value of an element type; 1 for miMATRIX and miCOMPRESSED; 0 when unknown. */
  private static int unitBytes(int type) {
    return switch (type) {
      case 1, 2, MI_MATRIX, MI_COMPRESSED, MI_UTF8 -> 1;
      case 3, 4, MI_UTF16 -> 2;
      case 5, 6, 7, MI_UTF32 -> 4;
      case 9, 12, 13 -> 8;
      default -> 0;
    };
  }

  private static boolean numeric(int type) {
    return (type >= 1 && type <= 7) || type == 9 || type == 12 || type == 13;
  }

  private Element expect(ByteBuffer bytes, int position, int limit, int type, String what)
      throws DatasetFormatException {
    Element element = element(bytes, position, limit, what);
    if (element.type() != type) {
      throw error(
          what + " at byte " + position + " has type " + element.type() + "; expected " + type);
    }
    return element;
  }

  private void compressed(ByteBuffer bytes, Element element) throws DatasetFormatException {
    byte[] inflated = inflate(bytes, element);
    ByteBuffer inner = ByteBuffer.wrap(inflated).order(bytes.order());
    String what = "the compressed element at byte " + (element.start() - 8);
    Element matrix = expect(inner, 0, inflated.length, MI_MATRIX, what + ": its matrix");
    try {
      matrix(inner, matrix, 0, what + ": its matrix");
    } catch (DatasetFormatException e) {
      throw new DatasetFormatException(
          e.getMessage() + " (offsets inside " + what + " once inflated)");
    }
  }

  private byte[] inflate(ByteBuffer bytes, Element element) throws DatasetFormatException {
    String what = "the compressed element at byte " + (element.start() - 8);
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(bytes.array(), bytes.arrayOffset() + element.start(), element.length());
      byte[] out = new byte[(int) Math.min(maxInflatedBytes, 1 << 16)];
      int size = 0;
      while (!inflater.finished()) {
        if (size == out.length) {
          if (size >= maxInflatedBytes) {
            throw error(what + " inflates to more than " + maxInflatedBytes + " bytes");
          }
          out = java.util.Arrays.copyOf(out, (int) Math.min(maxInflatedBytes, 2L * size));
        }
        int n = inflater.inflate(out, size, out.length - size);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw error(what + " is cut off: its zlib stream ends early");
        }
        size += n;
      }
      return java.util.Arrays.copyOf(out, size);
    } catch (DataFormatException e) {
      throw error(what + " is not a valid zlib stream: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }

  private void matrix(ByteBuffer bytes, Element matrix, int depth, String what)
      throws DatasetFormatException {
    if (depth > MAX_DEPTH) {
      throw error(what + " nests cells or structs more than " + MAX_DEPTH + " deep");
    }
    if (matrix.length() == 0) {
      return;
    }
    int limit = matrix.start() + matrix.length();
    Element flags = expect(bytes, matrix.start(), limit, MI_UINT32, what + ": array flags");
    if (flags.length() != 8) {
      throw error(what + ": array flags of " + flags.length() + " bytes (expected 8)");
    }
    int arrayClass = bytes.getInt(flags.start()) & 0xFF;
    boolean complex = (bytes.getInt(flags.start()) & 0x800) != 0;
    if (arrayClass == MX_OBJECT || arrayClass == MX_FUNCTION || arrayClass == MX_OPAQUE) {
      throw error(
          what
              + " is a MATLAB object, function handle or opaque value (class "
              + arrayClass
              + "), which no dataset file holds");
    }
    Element dims = expect(bytes, flags.end(), limit, MI_INT32, what + ": dimensions");
    if (dims.length() < 8) {
      throw error(what + ": " + dims.length() / 4 + " dimension(s); at least 2 expected");
    }
    long numel = 1;
    for (int i = 0; i < dims.length() / 4; i++) {
      int dim = bytes.getInt(dims.start() + 4 * i);
      if (dim < 0) {
        throw error(what + ": dimension " + (i + 1) + " is " + dim);
      }
      numel *= dim;
      if (numel > Integer.MAX_VALUE) {
        throw error(what + ": more than 2^31 - 1 elements declared");
      }
    }
    Element name = expect(bytes, dims.end(), limit, MI_INT8, what + ": name");
    int position = name.end();
    int count = (int) numel;
    if (arrayClass >= MX_DOUBLE && arrayClass <= MX_UINT64) {
      position = values(bytes, position, limit, count, what + ": real part");
      if (complex) {
        position = values(bytes, position, limit, count, what + ": imaginary part");
      }
    } else if (arrayClass == MX_CHAR) {
      position = characters(bytes, position, limit, count, what);
    } else if (arrayClass == MX_CELL) {
      position = children(bytes, position, limit, count, depth, what + ": cell");
    } else if (arrayClass == MX_STRUCT) {
      Element length = expect(bytes, position, limit, MI_INT32, what + ": field-name length");
      if (length.length() != 4) {
        throw error(what + ": field-name length of " + length.length() / 4 + " values");
      }
      int nameLength = bytes.getInt(length.start());
      Element names = expect(bytes, length.end(), limit, MI_INT8, what + ": field names");
      if (nameLength < 0 || (nameLength == 0 && names.length() > 0)) {
        throw error(what + ": field-name length " + nameLength);
      }
      long fields = nameLength == 0 ? 0 : names.length() / nameLength;
      long values = fields * count;
      if (values > (limit - names.end()) / 8) {
        throw error(
            what
                + ": "
                + fields
                + " field(s) × "
                + count
                + " element(s) declared, more than its "
                + (limit - names.end())
                + " bytes hold");
      }
      position = children(bytes, names.end(), limit, (int) values, depth, what + ": struct");
    } else if (arrayClass == MX_SPARSE) {
      Element rows = expect(bytes, position, limit, MI_INT32, what + ": sparse row indices");
      Element columns = expect(bytes, rows.end(), limit, MI_INT32, what + ": column indices");
      position = element(bytes, columns.end(), limit, what + ": sparse values").end();
      if (complex) {
        position = element(bytes, position, limit, what + ": imaginary values").end();
      }
    } else {
      throw error(what + " has the unknown array class " + arrayClass);
    }
    if (position != limit) {
      throw error(
          what
              + " at byte "
              + (matrix.start() - 8)
              + " declares "
              + matrix.length()
              + " bytes, but its content takes "
              + (position - matrix.start()));
    }
  }

  private int values(ByteBuffer bytes, int position, int limit, int count, String what)
      throws DatasetFormatException {
    Element values = element(bytes, position, limit, what);
    if (!numeric(values.type())) {
      throw error(what + " at byte " + position + " has the non-numeric type " + values.type());
    }
    int found = values.length() / unitBytes(values.type());
    if (found != count) {
      throw error(what + " at byte " + position + " holds " + found + " values, not " + count);
    }
    return values.end();
  }

  private int characters(ByteBuffer bytes, int position, int limit, int count, String what)
      throws DatasetFormatException {
    Element chars = element(bytes, position, limit, what + ": characters");
    int type = chars.type();
    if (type != MI_INT8
        && type != MI_UINT8
        && type != MI_UINT16
        && type != MI_UTF8
        && type != MI_UTF16
        && type != MI_UTF32) {
      throw error(what + ": characters of type " + type + " at byte " + position);
    }
    int units = chars.length() / unitBytes(type);
    if (chars.length() == 0 ? count > MAX_BLANK_CHARS : units < count) {
      throw error(
          what + ": " + count + " characters declared, " + units + " present at byte " + position);
    }
    return chars.end();
  }

  private int children(ByteBuffer bytes, int position, int limit, int count, int depth, String what)
      throws DatasetFormatException {
    for (int i = 0; i < count; i++) {
      if (position >= limit) {
        throw error(what + " declares " + count + " element(s), but holds only " + i);
      }
      Element child = expect(bytes, position, limit, MI_MATRIX, what + " element " + (i + 1));
      matrix(bytes, child, depth + 1, what + " element " + (i + 1));
      position = child.end();
    }
    return position;
  }

  private DatasetFormatException error(String message) {
    return new DatasetFormatException(file + ": unreadable MAT file: " + message);
  }
}
