package org.deltaboost.data.cifar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * A CIFAR class names file ({@code batches.meta.txt}, {@code fine_label_names.txt}, {@code
 * coarse_label_names.txt}): UTF-8 text, one class name per line. Lines are stripped and blank lines
 * (the official files end with one) dropped.
 *
 * <p>A names file holds at most {@value #MAX_BYTES} bytes (the official ones hold under 1 KB): a
 * larger one is rejected from its declared size, or after reading one byte past the limit, so a
 * damaged file of one endless line costs no more memory than that.
 */
final class CifarNamesFile {
  /** The largest names file read. */
  static final int MAX_BYTES = 64 * 1024;

  private CifarNamesFile() {}

  /**
   * @param in the file's content, read to its end or to one byte past {@link #MAX_BYTES}
   * @param source the file (or archive entry) for messages
   * @param declaredSize the size the file system or archive declares, or -1 when unknown
   * @return the names, in file order
   * @throws DatasetFormatException if the file is larger than {@link #MAX_BYTES}
   */
  static List<String> read(InputStream in, String source, long declaredSize) throws IOException {
    if (declaredSize > MAX_BYTES) {
      throw tooLarge(source, declaredSize + " bytes");
    }
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(source, "more than " + MAX_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.isBlank())
        .map(String::strip)
        .toList();
  }

  private static DatasetFormatException tooLarge(String source, String found) {
    return DatasetFormatException.mismatch(
        source, "size", "a class names file of at most " + MAX_BYTES + " bytes", found);
  }
}
