package org.deltaboost.data.idx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * An IDX label file, raw or gzip: magic {@code 0x00000801}, then a big-endian {@code count}, then
 * {@code count} unsigned bytes, one label per image. The count must be at least 1.
 */
public final class IdxLabelFile {
  /** The magic number of unsigned-byte data with one dimension. */
  public static final int MAGIC = 0x00000801;

  static final String KIND = "IDX unsigned-byte labels, 1 dimension";

  private final String source;
  private final byte[] labels;

  private IdxLabelFile(String source, byte[] labels) {
    this.source = source;
    this.labels = labels;
  }

  /**
   * @param file a raw or gzip IDX label file
   * @return its labels
   * @throws DatasetFormatException if the file is empty, truncated, too long, or not a label file
   * @throws IOException if the file cannot be read
   */
  public static IdxLabelFile read(Path file) throws IOException {
    return IdxReader.read(file, IdxLabelFile::parse);
  }

  /**
   * @param stream a raw or gzip IDX label stream; closed when read
   * @param source the stream's name for messages
   * @return its labels
   * @throws DatasetFormatException if the stream is empty, truncated, too long, or not a label file
   * @throws IOException if the stream cannot be read
   */
  public static IdxLabelFile read(InputStream stream, String source) throws IOException {
    return IdxReader.read(stream, source, IdxLabelFile::parse);
  }

  private static IdxLabelFile parse(IdxReader reader) throws IOException {
    int count = reader.readHeader(MAGIC, KIND, "count")[0];
    if (count == 0) {
      throw DatasetFormatException.mismatch(
          reader.source(),
          "count",
          "at least 1 label (a split without samples can be neither trained nor evaluated)",
          0);
    }
    return new IdxLabelFile(reader.source(), reader.readData(count, "count"));
  }

  /**
   * @return the file or resource read
   */
  public String source() {
    return source;
  }

  /**
   * @return the number of labels
   */
  public int count() {
    return labels.length;
  }

  /**
   * @param index a label index in {@code [0, count())}
   * @return that label, in {@code [0, 255]}
   */
  public int label(int index) {
    return labels[index] & 0xFF;
  }

  /**
   * @return all labels, each in {@code [0, 255]}
   */
  public int[] labels() {
    int[] out = new int[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels[i] & 0xFF;
    }
    return out;
  }

  @Override
  public String toString() {
    return "IdxLabelFile[" + source + ": " + labels.length + " labels]";
  }
}
