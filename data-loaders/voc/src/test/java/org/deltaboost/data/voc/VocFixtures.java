package org.deltaboost.data.voc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deltaboost.data.image.ImageFileWriter;
import org.deltaboost.data.image.PlanarImage;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Writes small datasets in the official layouts: {@code VOCdevkit/VOC2012/…} and {@code
 * benchmark_RELEASE/dataset/…}. Image {@code id} is a uniform JPEG of colour {@link #colour}; its
 * mask holds class {@link #classOf} everywhere except a void (255) first row.
 */
final class VocFixtures {
  static final int HEIGHT = 5;
  static final int WIDTH = 6;

  private VocFixtures() {}

  /** A class 1..20 derived from the id's digits. */
  static int classOf(String id) {
    return 1 + Math.floorMod(id.hashCode(), 20);
  }

  static int[] colour(String id) {
    int c = classOf(id);
    return new int[] {10 * c, 250 - 10 * c, 128};
  }

  static PlanarImage image(String id, int height, int width) {
    int[] rgb = colour(id);
    byte[] samples = new byte[3 * height * width];
    for (int c = 0; c < 3; c++) {
      Arrays.fill(samples, c * height * width, (c + 1) * height * width, (byte) rgb[c]);
    }
    return PlanarImage.of(3, height, width, samples);
  }

  static PlanarImage mask(String id, int height, int width) {
    byte[] samples = new byte[height * width];
    Arrays.fill(samples, (byte) classOf(id));
    Arrays.fill(samples, 0, width, (byte) VocClasses.VOID);
    return PlanarImage.of(1, height, width, samples);
  }

  /** Writes VOC 2012 under {@code root/VOCdevkit/VOC2012} with the given train and val ids. */
  static Path voc(Path root, List<String> train, List<String> val) {
    Path voc = root.resolve("VOCdevkit").resolve("VOC2012");
    try {
      Files.createDirectories(voc.resolve("JPEGImages"));
      Files.createDirectories(voc.resolve("SegmentationClass"));
      Path lists = Files.createDirectories(voc.resolve("ImageSets").resolve("Segmentation"));
      for (String id : concat(train, val)) {
        ImageFileWriter.writeJpeg(
            image(id, HEIGHT, WIDTH), voc.resolve("JPEGImages").resolve(id + ".jpg"), 1f);
        ImageFileWriter.writeIndexedPng(
            mask(id, HEIGHT, WIDTH),
            voc.resolve("SegmentationClass").resolve(id + ".png"),
            VocClasses.palette());
      }
      Files.write(lists.resolve("train.txt"), train);
      Files.write(lists.resolve("val.txt"), val);
      Files.write(lists.resolve("trainval.txt"), concat(train, val));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return voc;
  }

  /** Writes SBD under {@code root/benchmark_RELEASE/dataset} with the given train and val ids. */
  static Path sbd(Path root, List<String> train, List<String> val) {
    Path sbd = root.resolve("benchmark_RELEASE").resolve("dataset");
    try {
      Files.createDirectories(sbd.resolve("img"));
      Files.createDirectories(sbd.resolve("cls"));
      for (String id : concat(train, val)) {
        ImageFileWriter.writeJpeg(
            image(id, HEIGHT, WIDTH), sbd.resolve("img").resolve(id + ".jpg"), 1f);
        writeGtCls(sbd.resolve("cls").resolve(id + ".mat"), mask(id, HEIGHT, WIDTH));
      }
      Files.write(sbd.resolve("train.txt"), train);
      Files.write(sbd.resolve("val.txt"), val);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sbd;
  }

  /**
   * A MAT file as SBD's: struct GTcls with Boundaries (cell), Segmentation (uint8),
   * CategoriesPresent.
   */
  static void writeGtCls(Path file, PlanarImage mask) throws IOException {
    Matrix segmentation = Mat5.newMatrix(mask.height(), mask.width(), MatlabType.UInt8);
    for (int y = 0; y < mask.height(); y++) {
      for (int x = 0; x < mask.width(); x++) {
        segmentation.setInt(y, x, mask.sample(0, y, x));
      }
    }
    Struct gtCls =
        Mat5.newStruct()
            .set("Boundaries", Mat5.newCell(20, 1))
            .set("Segmentation", segmentation)
            .set("CategoriesPresent", Mat5.newScalar(1));
    Mat5.writeToFile(Mat5.newMatFile().addArray("GTcls", gtCls), file.toFile());
  }

  static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
