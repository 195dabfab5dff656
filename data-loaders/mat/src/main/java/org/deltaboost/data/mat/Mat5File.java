package org.deltaboost.data.mat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Sources;

/**
 * Reads a MATLAB 5 MAT file whole into memory (at most a caller's limit), checks its {@link
 * Mat5Layout layout} against the bytes present, and only then parses it with the MAT File Library
 * ({@code us.hebi.matlab.mat:mfl-core}, without its undocumented subsystem processing). So a
 * hostile file never makes the library allocate what the file only declares, nor print its own
 * warnings: every refusal is one {@link DatasetFormatException} naming the file.
 */
public final class Mat5File {
  private Mat5File() {}

  /**
   * @param file the MAT file
   * @param maxBytes the largest file read, and the most one compressed variable may inflate to
   * @return the parsed file; its arrays live on the heap
   * @throws DatasetFormatException naming the file when it is missing, larger than {@code
   *     maxBytes}, not a MATLAB 5 MAT file, or corrupt
   */
  public static MatFile read(Path file, long maxBytes) throws DatasetFormatException {
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes " + maxBytes + " outside 1 .. 2^31 - 9");
    }
    if (Files.isDirectory(file)) {
      throw new DatasetFormatException(file + ": a folder, where a MAT file was expected");
    }
    byte[] content;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw DatasetFormatException.mismatch(
            file.toString(), "file size", "at most " + maxBytes + " bytes", size + " bytes");
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(file + ": no such file");
    } catch (DatasetFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new DatasetFormatException(file + ": cannot be read: " + e.getMessage(), e);
    }
    if (content.length > maxBytes) {
      throw DatasetFormatException.mismatch(
          file.toString(),
          "file size",
          "at most " + maxBytes + " bytes",
          content.length + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(content);
    buffer.order(Mat5Layout.check(buffer, file.toString(), maxBytes));
    try {
      return Mat5.newReader(Sources.wrap(buffer)).disableSubsystemProcessing().readMat();
    } catch (IOException | RuntimeException e) {
      throw new DatasetFormatException(
          file + ": unreadable MAT file (corrupt or truncated): " + rootMessage(e), e);
    } catch (OutOfMemoryError e) {
      throw new DatasetFormatException(
          file
              + ": MAT file needs more memory than the JVM's maximum heap of "
              + Runtime.getRuntime().maxMemory()
              + " bytes; if it is intact, raise it, e.g. DELTABOOST_JAVA_OPTS=-Xmx8g");
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null && e.getCause() != e) {
      e = e.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
