package org.deltaboost.data.voc;

import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.ImageFileReader;
import org.deltaboost.data.image.PlanarImage;

/**
 * Reads and checks class masks: a VOC {@code SegmentationClass/*.png} (palette indices, never the
 * colours) or an SBD {@code cls/*.mat} ({@link SbdClassFile}). Every value must be a class (0..20)
 * or void (255); a mask must have its image's size.
 */
public final class SegmentationMasks {
  private SegmentationMasks() {}

  /**
   * @param mask a {@code .png} or {@code .mat} file
   * @return its class indices as a 1-channel image
   * @throws DatasetFormatException naming the file when it cannot be read, or naming the first
   *     pixel whose value is neither 0..20 nor 255
   */
  public static PlanarImage read(Path mask) throws DatasetFormatException {
    String name = mask.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    PlanarImage indices;
    if (name.endsWith(".mat")) {
      indices = SbdClassFile.readSegmentation(mask);
    } else if (name.endsWith(".png")) {
      indices = ImageFileReader.readIndexed(mask);
    } else {
      throw DatasetFormatException.mismatch(
          mask.toString(), "file type", "a VOC .png or SBD .mat mask", mask.getFileName());
    }
    check(indices, mask);
    return indices;
  }

  private static void check(PlanarImage indices, Path mask) throws DatasetFormatException {
    for (int y = 0; y < indices.height(); y++) {
      for (int x = 0; x < indices.width(); x++) {
        int value = indices.sample(0, y, x);
        if (!VocClasses.isValid(value)) {
          throw DatasetFormatException.mismatch(
              mask.toString(),
              "class at x=" + x + ", y=" + y,
              "0.." + (VocClasses.COUNT - 1) + " or " + VocClasses.VOID + " (void)",
              value);
        }
      }
    }
  }

  /**
   * @param image the image's pixels
   * @param mask its mask
   * @param example names the two files for the message
   * @throws DatasetFormatException if the sizes differ
   */
  public static void requireSameSize(
      PlanarImage image, PlanarImage mask, SegmentationExample example)
      throws DatasetFormatException {
    if (image.height() != mask.height() || image.width() != mask.width()) {
      throw DatasetFormatException.mismatch(
          example.mask().toString(),
          "size",
          "the size of " + example.image() + ", " + image.width() + "×" + image.height(),
          mask.width() + "×" + mask.height());
    }
  }
}
