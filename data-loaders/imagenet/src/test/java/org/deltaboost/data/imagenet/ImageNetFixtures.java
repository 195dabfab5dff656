package org.deltaboost.data.imagenet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.image.ImageFileWriter;
import org.deltaboost.data.image.PlanarImage;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Struct;

/** Writes small ImageNet folders in the release layout. */
final class ImageNetFixtures {
  private ImageNetFixtures() {}

  /** A 3-channel image whose sample (c, y, x) is 100·c + 10·y + x. */
  static PlanarImage ramp(int height, int width) {
    byte[] samples = new byte[3 * height * width];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          samples[(c * height + y) * width + x] = (byte) (100 * c + 10 * y + x);
        }
      }
    }
    return PlanarImage.of(3, height, width, samples);
  }

  /** Writes a small JPEG at {@code file}, creating its folder. */
  static void jpeg(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    ImageFileWriter.writeJpeg(ramp(8, 10), file, 0.9f);
  }

  /**
   * Writes {@code devkit/data/meta.mat} (struct array synsets with ILSVRC2012_ID, WNID, words) and
   * the validation ground truth.
   */
  static Path devkit(Path root, Map<Integer, String> wnidsById, List<String> groundTruth)
      throws IOException {
    Path data = Files.createDirectories(root.resolve(ImageNetDevkit.FOLDER).resolve("data"));
    Struct synsets = Mat5.newStruct(wnidsById.size(), 1);
    int i = 0;
    for (Map.Entry<Integer, String> e : wnidsById.entrySet()) {
      synsets.set("ILSVRC2012_ID", i, Mat5.newScalar(e.getKey()));
      synsets.set("WNID", i, Mat5.newString(e.getValue()));
      synsets.set("words", i, Mat5.newString("words of " + e.getValue()));
      i++;
    }
    Mat5.writeToFile(
        Mat5.newMatFile().addArray("synsets", synsets), data.resolve("meta.mat").toFile());
    Files.write(data.resolve("ILSVRC2012_validation_ground_truth.txt"), groundTruth);
    return data;
  }
}
