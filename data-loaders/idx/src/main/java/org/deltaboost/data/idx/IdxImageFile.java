package org.deltaboost.data.idx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * An IDX image file, raw or gzip: magic {@code 0x00000803}, then big-endian {@code count, rows,
 * cols}, then {@code count × rows × cols} unsigned bytes, image after image in row-major order. The
 * count, rows and cols must each be at least 1.
 */
public final class IdxImageFile {
  /** The magic number of unsigned-byte data with three dimensions. */
  public static final int MAGIC = 0x00000803;

  static final String KIND = "IDX unsigned-byte images, 3 dimensions";

  private final String source;
  private final int count;
  private final int rows;
  private final int cols;
  private final byte[] pixels;

  private IdxImageFile(String source, int count, int rows, int cols, byte[] pixels) {
    this.source = source;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
    this.pixels = pixels;
  }

  /**
   * @param file a raw or gzip IDX image file
   * @return its images
   * @throws DatasetFormatException if the file is empty, truncated, too long, or not an image file
   * @throws IOException if the file cannot be read
   */
  public static IdxImageFile read(Path file) throws IOException {
    return IdxReader.read(file, IdxImageFile::parse);
  }

  /**
   * @param stream a raw or gzip IDX image stream; closed when read
   * @param source the stream's name for messages
   * @return its images
   * @throws DatasetFormatException if the stream is empty, truncated, too long, or not an image
   *     file
   * @throws IOException if the stream cannot be read
   */
  public static IdxImageFile read(InputStream stream, String source) throws IOException {
    return IdxReader.read(stream, source, IdxImageFile::parse);
  }

  private static IdxImageFile parse(IdxReader reader) throws IOException {
    int[] dims = reader.readHeader(MAGIC, KIND, "count", "rows", "cols");
    int count = dims[0];
    int rows = dims[1];
    int cols = dims[2];
    if (count == 0) {
      throw DatasetFormatException.mismatch(
          reader.source(),
          "count",
          "at least 1 image (a split without samples can be neither trained nor evaluated)",
          0);
    }
    if (rows == 0 || cols == 0) {
      throw DatasetFormatException.mismatch(
          reader.source(), "rows×cols", "at least 1×1", rows + "×" + cols);
    }
    String declaration = "count×rows×cols = " + count + "×" + rows + "×" + cols;
    // Three factors below 2^31 can overflow a long: such a product is too large anyway.
    long countTimesRows = (long) count * rows;
    long length = countTimesRows > Long.MAX_VALUE / cols ? Long.MAX_VALUE : countTimesRows * cols;
    byte[] pixels = reader.readData(length, declaration);
    return new IdxImageFile(reader.source(), count, rows, cols, pixels);
  }

  /**
   * @return the file or resource read
   */
  public String source() {
    return source;
  }

  /**
   * @return the number of images
   */
  public int count() {
    return count;
  }

  /**
   * @return rows per image
   */
  public int rows() {
    return rows;
  }

  /**
   * @return columns per image
   */
  public int cols() {
    return cols;
  }

  /**
   * @return a copy of all pixels, count × rows × cols bytes
   */
  public byte[] pixels() {
    return pixels.clone();
  }

  /** The pixels without a copy, for loaders of this package that hand them on once. */
  byte[] sharedPixels() {
    return pixels;
  }

  @Override
  public String toString() {
    return "IdxImageFile[" + source + ": " + count + " images of " + rows + "×" + cols + "]";
  }
}
