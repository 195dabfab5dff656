package org.deltaboost.data.idx;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * Reads one IDX file of unsigned bytes, raw or gzip-compressed (told apart by the gzip magic bytes
 * {@code 1f 8b}, not by the name): a big-endian header {@code magic, dim_1 … dim_k}, then {@code
 * dim_1 × … × dim_k} bytes of data, then nothing.
 *
 * <p>Header values are checked for plausibility before the data array is allocated: against the
 * file's size for raw files, against DEFLATE's largest expansion for gzip files. A gzip file whose
 * trailer (ISIZE, the inflated length modulo 2^32) agrees with the header's declaration is read
 * into one array of the declared length, allocated once, when that length is at most {@value
 * #MAX_ONE_ARRAY_RATIO} times the file's. Otherwise (a stream, a gzip trailer that disagrees, a
 * larger expansion), the data array grows as bytes arrive, so a header that declares more than the
 * input holds costs no more memory than the input does. Reading stops at the declared length; more
 * data after it is an error, counted up to {@value #MAX_TRAILING_COUNT} bytes. When the JVM's heap
 * cannot hold the declared data, the error names the file, the size and the heap limit instead of
 * an {@link OutOfMemoryError}.
 */
final class IdxReader implements Closeable {
  private static final int BUFFER_SIZE = 1 << 16;
  // A gzip member's 10-byte header and 8-byte trailer.
  private static final long GZIP_MIN_SIZE = 18;
  // DEFLATE expands at most about 1032:1, so a gzip file declaring more data than that is damaged.
  private static final long MAX_DEFLATE_RATIO = 1032;
  // The largest expansion for which a gzip file's declared length is allocated at once (when its
  // trailer agrees): image sets inflate 2–5×, and a header and trailer that agree on a lie then
  // cost at most this many times the file, not DEFLATE's 1032 (a transient heap-sized array can
  // make another thread's allocation fail).
  private static final long MAX_ONE_ARRAY_RATIO = 64;
  private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
  // The first data array of a growing read; it doubles as bytes arrive.
  private static final int INITIAL_GROWING_LENGTH = 1 << 20;
  // Trailing data is counted this far, not inflated to its end.
  static final long MAX_TRAILING_COUNT = 1 << 20;

  private final String source;
  private final InputStream in;
  private final boolean gzip;
  private final long encodedSize;
  // A gzip file's ISIZE trailer field (inflated length mod 2^32), −1 where unknown.
  private final long inflatedSizeMod32;
  private long position;

  private IdxReader(
      String source, InputStream in, boolean gzip, long encodedSize, long inflatedSizeMod32) {
    this.source = source;
    this.in = in;
    this.gzip = gzip;
    this.encodedSize = encodedSize;
    this.inflatedSizeMod32 = inflatedSizeMod32;
  }

  /** What one kind of IDX file makes of a reader positioned before its header. */
  interface Parser<T> {
    T parse(IdxReader reader) throws IOException;
  }

  /**
   * @param file a raw or gzip IDX file
   * @param parser reads the header and the data
   * @return what the parser made of the file
   */
  static <T> T read(Path file, Parser<T> parser) throws IOException {
    // One open file for the size, the trailer and the data, so all three describe the same file.
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    IdxReader opened;
    try {
      long size = channel.size();
      opened =
          open(
              Channels.newInputStream(channel),
              file.toString(),
              size,
              gzipTrailerLength(channel, size));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    try (IdxReader reader = opened) {
      return parser.parse(reader);
    }
  }

  /**
   * @param stream a raw or gzip IDX stream, closed when read
   * @param source the stream's name for messages
   * @param parser reads the header and the data
   * @return what the parser made of the stream
   */
  static <T> T read(InputStream stream, String source, Parser<T> parser) throws IOException {
    try (IdxReader reader = open(stream, source, -1, -1)) {
      return parser.parse(reader);
    }
  }

  /**
   * The last four bytes of a file as a gzip trailer's ISIZE (little-endian, unsigned); −1 for a
   * file too short to be a gzip file. Only a hint: the header's declaration must agree with it.
   */
  private static long gzipTrailerLength(FileChannel file, long size) throws IOException {
    if (size < GZIP_MIN_SIZE) {
      return -1;
    }
    // Positional reads: the channel's position, where the data is read from, stays at 0.
    ByteBuffer isize = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    while (isize.hasRemaining()) {
      if (file.read(isize, size - 4 + isize.position()) < 0) {
        return -1; // the file shrank meanwhile; reading it reports that
      }
    }
    return Integer.toUnsignedLong(isize.getInt(0));
  }

  /** Wraps the stream, inflating it when it starts with the gzip magic bytes. */
  private static IdxReader open(
      InputStream stream, String source, long encodedSize, long inflatedSizeMod32)
      throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(stream, BUFFER_SIZE);
    try {
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        GZIPInputStream inflated;
        try {
          inflated = new GZIPInputStream(buffered, BUFFER_SIZE);
        } catch (EOFException | ZipException e) {
          throw new DatasetFormatException(
              source + ": gzip header: damaged (" + e.getMessage() + ")", e);
        }
        return new IdxReader(source, inflated, true, encodedSize, inflatedSizeMod32);
      }
      return new IdxReader(source, buffered, false, encodedSize, -1);
    } catch (IOException | RuntimeException e) {
      buffered.close();
      throw e;
    }
  }

  String source() {
    return source;
  }

  /**
   * Reads and checks the header.
   *
   * @param magic the expected magic number
   * @param kind what the magic number stands for, for messages
   * @param dimensionNames the names of the dimensions the header holds, e.g. count, rows, cols
   * @return the dimensions, each in {@code [0, 2^31)}
   */
  int[] readHeader(int magic, String kind, String... dimensionNames) throws IOException {
    int headerSize = 4 * (1 + dimensionNames.length);
    byte[] header = new byte[headerSize];
    int read = readFully(header, 0, headerSize);
    if (read == 0) {
      throw DatasetFormatException.mismatch(
          source, "header", "an IDX header of " + headerSize + " bytes", "an empty file");
    }
    if (read < headerSize) {
      throw DatasetFormatException.mismatch(
          source, "header", headerSize + " bytes", "only " + read + " (file truncated)");
    }
    int foundMagic = intAt(header, 0);
    if (foundMagic != magic) {
      throw DatasetFormatException.mismatch(
          source,
          "magic number",
          hex(magic) + " (" + kind + ")",
          hex(foundMagic) + describeMagic(foundMagic));
    }
    int[] dimensions = new int[dimensionNames.length];
    for (int d = 0; d < dimensions.length; d++) {
      int value = intAt(header, 4 * (d + 1));
      if (value < 0) {
        throw DatasetFormatException.mismatch(
            source,
            dimensionNames[d],
            "at most " + Integer.MAX_VALUE,
            Integer.toUnsignedString(value));
      }
      dimensions[d] = value;
    }
    return dimensions;
  }

  /**
   * Reads the data that follows the header, then checks that nothing follows it.
   *
   * @param length the data's length in bytes, as the header declares it; {@code Long.MAX_VALUE} for
   *     a declaration that overflows a long
   * @param declaration how the header declares it, e.g. {@code "count×rows×cols = 10×28×28"}
   * @return the data
   */
  byte[] readData(long length, String declaration) throws IOException {
    if (length > MAX_ARRAY_LENGTH) {
      throw DatasetFormatException.mismatch(
          source,
          "data length",
          "at most " + MAX_ARRAY_LENGTH + " bytes",
          declaration + (length == Long.MAX_VALUE ? " ≥ 2^63" : " = " + length));
    }
    if (encodedSize >= 0) {
      long available = encodedSize - position;
      if (!gzip && available < length) {
        throw DatasetFormatException.mismatch(
            source,
            "data",
            declaration + " = " + length + " bytes after the header",
            available + " (file truncated)");
      }
      if (!gzip && available > length) {
        throw trailing(length, Long.toString(available - length), available - length);
      }
      if (gzip && length > encodedSize * MAX_DEFLATE_RATIO) {
        throw DatasetFormatException.mismatch(
            source,
            "data",
            "at most about "
                + encodedSize * MAX_DEFLATE_RATIO
                + " bytes in a gzip file of "
                + encodedSize
                + " bytes",
            declaration + " = " + length + " (header damaged?)");
      }
    }
    // A gzip file passed the DEFLATE bound above; its trailer agreeing too, and a plausible
    // expansion, one array suffices.
    boolean sizeKnown =
        encodedSize >= 0
            && (!gzip
                || (((position + length) & 0xFFFF_FFFFL) == inflatedSizeMod32
                    && length <= encodedSize * MAX_ONE_ARRAY_RATIO));
    byte[] data =
        allocate(sizeKnown ? (int) length : (int) Math.min(length, INITIAL_GROWING_LENGTH), length);
    int read = readFully(data, 0, data.length);
    while (read == data.length && read < length) {
      data = grow(data, (int) Math.min(length, 2L * data.length), length);
      read += readFully(data, read, data.length - read);
    }
    if (read < length) {
      throw DatasetFormatException.mismatch(
          source,
          "data",
          declaration + " = " + length + " bytes after the header",
          read + " (file truncated)");
    }
    expectEnd(length);
    return data;
  }

  private byte[] allocate(int arrayLength, long declared) throws DatasetFormatException {
    try {
      return new byte[arrayLength];
    } catch (OutOfMemoryError e) {
      throw outOfMemory(declared);
    }
  }

  private byte[] grow(byte[] data, int newLength, long declared) throws DatasetFormatException {
    try {
      return Arrays.copyOf(data, newLength);
    } catch (OutOfMemoryError e) {
      throw outOfMemory(declared);
    }
  }

  private DatasetFormatException outOfMemory(long declared) {
    return new DatasetFormatException(
        source
            + ": data: needs "
            + declared
            + " bytes of memory, more than the JVM's maximum heap of "
            + Runtime.getRuntime().maxMemory()
            + " bytes holds; raise it, e.g. DELTABOOST_JAVA_OPTS=-Xmx"
            + Math.max(2, 4 * declared / (1L << 30) + 2)
            + "g");
  }

  private void expectEnd(long length) throws IOException {
    int next;
    try {
      // For gzip this read also checks the trailer's CRC-32 and length.
      next = in.read();
    } catch (EOFException e) {
      throw new DatasetFormatException(
          source
              + ": gzip trailer: expected 8 bytes of CRC-32 and length, found the file truncated",
          e);
    } catch (ZipException e) {
      throw new DatasetFormatException(
          source + ": gzip trailer: damaged (" + e.getMessage() + ")", e);
    }
    if (next != -1) {
      long extra = 1;
      String atLeast = "";
      try {
        byte[] buffer = new byte[8192];
        long counted = 0;
        int n;
        while (counted < MAX_TRAILING_COUNT
            && (n = in.read(buffer, 0, (int) Math.min(buffer.length, MAX_TRAILING_COUNT - counted)))
                > 0) {
          counted += n;
        }
        extra += counted;
        if (counted == MAX_TRAILING_COUNT && in.read() != -1) {
          atLeast = "more than "; // not counted to its end: it may inflate without bound
        }
      } catch (EOFException | ZipException e) {
        atLeast = "at least "; // the damaged rest could not be counted
      }
      throw trailing(length, atLeast + extra, extra);
    }
  }

  private DatasetFormatException trailing(long length, String count, long extra) {
    return DatasetFormatException.mismatch(
        source,
        "end of data",
        "the end of the file after " + length + " bytes of data",
        count + " trailing byte" + (extra == 1 ? "" : "s"));
  }

  /** Reads until {@code length} bytes or the end; returns how many were read. */
  private int readFully(byte[] buffer, int offset, int length) throws IOException {
    int done = 0;
    try {
      while (done < length) {
        int n = in.read(buffer, offset + done, length - done);
        if (n < 0) {
          break;
        }
        done += n;
      }
    } catch (EOFException e) {
      // GZIPInputStream reports a cut-off stream this way; the caller reports the short count.
    } catch (ZipException e) {
      throw new DatasetFormatException(
          source
              + ": gzip data: damaged after "
              + (position + done)
              + " bytes ("
              + e.getMessage()
              + ")",
          e);
    }
    position += done;
    return done;
  }

  private static int intAt(byte[] b, int i) {
    return (b[i] & 0xFF) << 24
        | (b[i + 1] & 0xFF) << 16
        | (b[i + 2] & 0xFF) << 8
        | (b[i + 3] & 0xFF);
  }

  static String hex(int value) {
    return String.format("0x%08x", value);
  }

  private static String describeMagic(int magic) {
    if (magic == IdxImageFile.MAGIC) {
      return " (" + IdxImageFile.KIND + ")";
    }
    if (magic == IdxLabelFile.MAGIC) {
      return " (" + IdxLabelFile.KIND + ")";
    }
    return " (not an IDX unsigned-byte image or label file)";
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
