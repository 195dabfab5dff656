package org.deltaboost.data.cifar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * Reads the records of one CIFAR binary file into arrays shared by all files of a split. A record
 * is {@code labelBytes} label bytes (CIFAR-10: the class; CIFAR-100: coarse, then fine) followed by
 * 3072 pixel bytes: the 1024 red values of the 32×32 image row by row, then the 1024 green, then
 * the 1024 blue. That is exactly one C×H×W image, so pixels are copied as they are.
 *
 * <p>The file's size is checked against the expected record count before anything is read, so a
 * truncated, oversized or wrongly sized file is reported as such and never half-read.
 */
final class CifarBinaryReader {
  /** Bytes of pixels per record: 3 channels × 32 × 32. */
  static final int PIXEL_BYTES = 3 * 32 * 32;

  private final int labelBytes;
  private final int fineClasses;
  private final int coarseClasses;

  /**
   * @param labelBytes 1 for CIFAR-10, 2 for CIFAR-100
   * @param fineClasses the number of (fine) classes; labels must lie below it
   * @param coarseClasses the number of coarse classes (CIFAR-100), 0 without a coarse label
   */
  CifarBinaryReader(int labelBytes, int fineClasses, int coarseClasses) {
    this.labelBytes = labelBytes;
    this.fineClasses = fineClasses;
    this.coarseClasses = coarseClasses;
  }

  int recordBytes() {
    return labelBytes + PIXEL_BYTES;
  }

  /**
   * Checks a file's size against the expected number of records.
   *
   * @param source the file for messages
   * @param size the file's size in bytes
   * @param expectedRecords the number of records the format prescribes
   * @throws DatasetFormatException naming the file, expected and found size and what the size
   *     amounts to (an empty file, a wrong record count, a truncated or an oversized file)
   */
  void checkSize(String source, long size, int expectedRecords) throws DatasetFormatException {
    long recordBytes = recordBytes();
    long expected = expectedRecords * recordBytes;
    if (size == expected) {
      return;
    }
    String expectation =
        expectedRecords + " records of " + recordBytes + " bytes = " + expected + " bytes";
    long whole = size / recordBytes;
    long rest = size % recordBytes;
    String found;
    if (size == 0) {
      found = "0 bytes (an empty file)";
    } else if (rest == 0) {
      throw DatasetFormatException.mismatch(
          source, "record count", expectation, whole + " records (" + size + " bytes)");
    } else if (size < expected) {
      found =
          size
              + " bytes (truncated: "
              + whole
              + " whole record"
              + (whole == 1 ? "" : "s")
              + " and "
              + rest
              + " bytes of the next)";
    } else {
      found = size + " bytes (oversized: " + (size - expected) + " bytes too many)";
    }
    throw DatasetFormatException.mismatch(source, "size", expectation, found);
  }

  /**
   * Reads {@code records} records from the stream into the arrays, starting at record {@code
   * first}. The stream must hold exactly {@code records} records; the caller checked its declared
   * size with {@link #checkSize}.
   *
   * @param in the file's content, positioned at its start (not closed)
   * @param source the file for messages
   * @param records how many records the stream holds
   * @param first the index in the arrays of the stream's first record
   * @param pixels receives each record's 3072 pixel bytes at {@code index × 3072}
   * @param fine receives each record's (fine) label
   * @param coarse receives each record's coarse label, or {@code null} without one
   * @throws DatasetFormatException if the stream ends early or a label is out of range, naming the
   *     record and value
   */
  void read(
      InputStream in,
      String source,
      int records,
      int first,
      byte[] pixels,
      int[] fine,
      int[] coarse)
      throws IOException {
    byte[] labels = new byte[labelBytes];
    for (int r = 0; r < records; r++) {
      int index = first + r;
      readFully(in, source, labels, 0, labelBytes, r, 0);
      readFully(in, source, pixels, index * PIXEL_BYTES, PIXEL_BYTES, r, labelBytes);
      int fineLabel = labels[labelBytes - 1] & 0xFF;
      if (fineLabel >= fineClasses) {
        throw DatasetFormatException.mismatch(
            source,
            "record " + r + ": " + (labelBytes == 1 ? "label" : "fine label"),
            "a class in 0.." + (fineClasses - 1),
            fineLabel);
      }
      fine[index] = fineLabel;
      if (labelBytes == 2) {
        int coarseLabel = labels[0] & 0xFF;
        if (coarseLabel >= coarseClasses) {
          throw DatasetFormatException.mismatch(
              source,
              "record " + r + ": coarse label",
              "a superclass in 0.." + (coarseClasses - 1),
              coarseLabel);
        }
        if (coarse != null) {
          coarse[index] = coarseLabel;
        }
      }
    }
  }

  /** Reads one part of record {@code r} that starts {@code within} bytes into the record. */
  private void readFully(
      InputStream in, String source, byte[] dst, int offset, int length, int r, int within)
      throws IOException {
    int done = 0;
    try {
      while (done < length) {
        int n = in.read(dst, offset + done, length - done);
        if (n < 0) {
          break;
        }
        done += n;
      }
    } catch (EOFException e) {
      // A cut-off gzip stream ends this way; reported below with the position.
    } catch (ZipException e) {
      throw new DatasetFormatException(
          source + ": record " + r + ": compressed data damaged (" + e.getMessage() + ")", e);
    }
    if (done < length) {
      long position = (long) r * recordBytes() + within + done;
      throw DatasetFormatException.mismatch(
          source,
          "record " + r,
          recordBytes() + " bytes",
          "the data ending after " + position + " bytes (file truncated)");
    }
  }
}
