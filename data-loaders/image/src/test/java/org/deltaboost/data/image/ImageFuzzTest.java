package org.deltaboost.data.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * Coverage-guided fuzz tests of {@link ImageFileReader}: the JPEG and PNG paths of {@code readRgb}
 * and of {@code readRgbResizedCrop}, and the PNG mask path of {@code readIndexed}. The documented
 * error is {@link DatasetFormatException}; anything else, an {@link OutOfMemoryError} or an input
 * that takes over a second is a finding. {@code ./mvnw verify} replays the committed seeds in
 * {@code src/test/resources/org/deltaboost/data/image/ImageFuzzTestInputs/}, written by {@link
 * ImageFuzzSeeds}.
 */
class ImageFuzzTest {
  private static final Path FILE = temporaryFile();

  private static Path temporaryFile() {
    try {
      Path file = Files.createTempFile("image-fuzz", ".png");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void rgb(byte[] input) {
    try {
      PlanarImage image = ImageFileReader.readRgb(input, "fuzz");
      if (image.channels() != 3) {
        throw new AssertionError("3 channels expected, found " + image.channels());
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    }
  }

  /**
   * Straight into a resized crop with DCT scaling ({@code readRgbResizedCrop}): the shorter side to
   * 16, the centred 8×8, so a JPEG of 32 pixels or more a side is decoded at a reduced scale and
   * resampled from libjpeg-turbo's rows.
   */
  @FuzzTest
  void rgbResizedCrop(byte[] input) throws IOException {
    Files.write(FILE, input);
    try {
      PlanarImage crop = ImageFileReader.readRgbResizedCrop(FILE, ImageFuzzTest::centre, true);
      if (crop.channels() != 3 || crop.height() != 8 || crop.width() != 8) {
        throw new AssertionError("a 3×8×8 crop expected, found " + crop);
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    }
  }

  private static ResizedCrop centre(int height, int width) {
    int h = height <= width ? 16 : (int) Math.max(16, Math.round(height * 16.0 / width));
    int w = height <= width ? (int) Math.max(16, Math.round(width * 16.0 / height)) : 16;
    return new ResizedCrop(h, w, (h - 8) / 2, (w - 8) / 2, 8, 8);
  }

  @FuzzTest
  void indexed(byte[] input) throws IOException {
    Files.write(FILE, input);
    try {
      PlanarImage image = ImageFileReader.readIndexed(FILE);
      if (image.channels() != 1) {
        throw new AssertionError("1 channel expected, found " + image.channels());
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    }
  }
}
