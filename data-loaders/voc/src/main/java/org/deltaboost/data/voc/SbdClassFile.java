package org.deltaboost.data.voc;

import java.io.IOException;
import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.PlanarImage;
import org.deltaboost.data.mat.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * An SBD class-label file {@code cls/<id>.mat} (MATLAB 5 format, read with {@link Mat5File}): a
 * struct {@code GTcls} whose field {@code Segmentation} is an H×W matrix of class indices. The
 * values are returned unchecked, as a 1-channel image; {@link SegmentationMasks} checks them.
 *
 * <p>A file is at most {@value #MAX_BYTES} bytes (SBD's are under 100 KB); a MAT file that declares
 * more than the JVM's heap holds fails with a one-line error, not an {@link OutOfMemoryError}.
 */
public final class SbdClassFile {
  /** The struct variable holding the labels. */
  public static final String VARIABLE = "GTcls";

  /** The struct's field holding the class of each pixel. */
  public static final String FIELD = "Segmentation";

  /** The largest class file read, in bytes. */
  public static final long MAX_BYTES = 64L << 20;

  private SbdClassFile() {}

  /**
   * @param file a {@code cls/<id>.mat} file
   * @return {@code GTcls.Segmentation} as a 1-channel image
   * @throws DatasetFormatException naming the file when it is missing, not a readable MAT file,
   *     lacks the struct or field, or holds non-integer or out-of-byte-range values
   */
  public static PlanarImage readSegmentation(Path file) throws DatasetFormatException {
    try (MatFile mat = Mat5File.read(file, MAX_BYTES)) {
      Array variable = find(mat, file);
      if (!(variable instanceof Struct struct)) {
        throw DatasetFormatException.mismatch(
            file.toString(), VARIABLE, "a struct", variable.getType());
      }
      if (!struct.getFieldNames().contains(FIELD)) {
        throw DatasetFormatException.mismatch(
            file.toString(), VARIABLE + "." + FIELD, "a field", "fields " + struct.getFieldNames());
      }
      Array field = struct.get(FIELD);
      if (!(field instanceof Matrix matrix) || matrix.getNumDimensions() != 2) {
        throw DatasetFormatException.mismatch(
            file.toString(),
            VARIABLE + "." + FIELD,
            "a 2-D numeric matrix",
            field.getType() + " of " + field.getNumDimensions() + " dimensions");
      }
      return toImage(matrix, file);
    } catch (DatasetFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DatasetFormatException(file + ": unreadable MAT file (corrupt): " + e, e);
    } catch (OutOfMemoryError e) {
      throw new DatasetFormatException(
          file
              + ": MAT file declares more data than the JVM's maximum heap of "
              + Runtime.getRuntime().maxMemory()
              + " bytes holds (corrupt?); if it is intact, raise it, e.g. DELTABOOST_JAVA_OPTS=-Xmx8g");
    }
  }

  private static Array find(MatFile mat, Path file) throws DatasetFormatException {
    StringBuilder names = new StringBuilder();
    for (MatFile.Entry entry : mat.getEntries()) {
      if (VARIABLE.equals(entry.getName())) {
        return entry.getValue();
      }
      names.append(names.length() == 0 ? "" : ", ").append(entry.getName());
    }
    throw DatasetFormatException.mismatch(
        file.toString(), "variables", "one named " + VARIABLE, "[" + names + "]");
  }

  private static PlanarImage toImage(Matrix matrix, Path file) throws DatasetFormatException {
    int height = matrix.getNumRows();
    int width = matrix.getNumCols();
    if (height == 0 || width == 0) {
      throw DatasetFormatException.mismatch(
          file.toString(), VARIABLE + "." + FIELD, "a non-empty matrix", height + "×" + width);
    }
    byte[] samples = new byte[Math.multiplyExact(height, width)];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double value = matrix.getDouble(y, x);
        if (value != Math.rint(value) || value < 0 || value > 255) {
          throw DatasetFormatException.mismatch(
              file.toString(),
              VARIABLE + "." + FIELD + " at row " + y + ", column " + x,
              "an integer class index",
              value);
        }
        samples[y * width + x] = (byte) value;
      }
    }
    return PlanarImage.of(1, height, width, samples);
  }
}
