package org.deltaboost.harness.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deltaboost.data.image.ImageFileWriter;
import org.deltaboost.data.image.PlanarImage;
import org.deltaboost.data.voc.VocClasses;

/**
 * Writes tiny datasets in the official on-disk layouts, with content a network can learn: an
 * ImageNet image of class {@code c} is a noisy field of colour {@code c}; a VOC image is split in
 * a left and a right half of two classes, each with its colour, and its palette-indexed mask says
 * so, with a void (255) border column between them as VOC draws object outlines.
 */
public final class OfficialLayouts {

  /** Colours of the fixture classes, RGB. */
  private static final int[][] COLOURS = {
    {230, 40, 40}, {40, 200, 60}, {50, 60, 220}, {220, 210, 40}, {200, 60, 200}, {40, 200, 200},
  };

  private OfficialLayouts() {}

  /**
   * Writes ImageNet 2012 as {@code root/imagenet/train/<wnid>/*.JPEG} and {@code
   * root/imagenet/val/<wnid>/*.JPEG} (class-folder validation).
   *
   * @param root the data directory ({@code --data-dir})
   * @param classes how many classes (at most 6)
   * @param trainPerClass training images per class
   * @param valPerClass validation images per class
   * @param height image height
   * @param width image width
   * @return the {@code imagenet} folder
   */
  public static Path imagenet(
      Path root, int classes, int trainPerClass, int valPerClass, int height, int width)
      throws IOException {
    Path base = root.resolve("imagenet");
    SplittableRandom random = new SplittableRandom(7);
    for (int c = 0; c < classes; c++) {
      String wnid = String.format("n%08d", 1440764 + c);
      for (String split : List.of("train", "val")) {
        Path folder = Files.createDirectories(base.resolve(split).resolve(wnid));
        int count = split.equals("train") ? trainPerClass : valPerClass;
        for (int i = 0; i < count; i++) {
          String name = split.equals("train")
              ? wnid + "_" + i + ".JPEG"
              : String.format("ILSVRC2012_val_%08d.JPEG", 1 + c * valPerClass + i);
          ImageFileWriter.writeJpeg(noisy(COLOURS[c], height, width, random), folder.resolve(name), 0.95f);
        }
      }
    }
    return base;
  }

  /**
   * Writes VOC 2012 segmentation as {@code root/VOCdevkit/VOC2012/{JPEGImages, SegmentationClass,
   * ImageSets/Segmentation}} with {@code train} and {@code val} images {@code 2007_00000i}.
   *
   * @param root the data directory ({@code --data-dir})
   * @param train training images
   * @param val validation images
   * @param height image height
   * @param width image width
   * @return the {@code VOC2012} folder
   */
  public static Path voc(Path root, int train, int val, int height, int width) throws IOException {
    Path voc = root.resolve("VOCdevkit").resolve("VOC2012");
    Path images = Files.createDirectories(voc.resolve("JPEGImages"));
    Path masks = Files.createDirectories(voc.resolve("SegmentationClass"));
    Path lists = Files.createDirectories(voc.resolve("ImageSets").resolve("Segmentation"));
    SplittableRandom random = new SplittableRandom(11);
    List<String> trainIds = new ArrayList<>();
    List<String> valIds = new ArrayList<>();
    for (int i = 0; i < train + val; i++) {
      String id = String.format("2007_%06d", i);
      (i < train ? trainIds : valIds).add(id);
      int left = 0; // background on the left
      int right = 1 + i % 3; // aeroplane, bicycle or bird on the right
      byte[] rgb = new byte[3 * height * width];
      byte[] mask = new byte[height * width];
      int border = width / 2;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int cls = x < border ? left : right;
          for (int c = 0; c < 3; c++) {
            int v = COLOURS[cls][c] + random.nextInt(31) - 15;
            rgb[c * height * width + y * width + x] = (byte) Math.max(0, Math.min(255, v));
          }
          mask[y * width + x] = (byte) (x == border ? VocClasses.VOID : cls);
        }
      }
      ImageFileWriter.writeJpeg(PlanarImage.of(3, height, width, rgb), images.resolve(id + ".jpg"), 0.95f);
      ImageFileWriter.writeIndexedPng(
          PlanarImage.of(1, height, width, mask), masks.resolve(id + ".png"), VocClasses.palette());
    }
    Files.write(lists.resolve("train.txt"), trainIds);
    Files.write(lists.resolve("val.txt"), valIds);
    List<String> all = new ArrayList<>(trainIds);
    all.addAll(valIds);
    Files.write(lists.resolve("trainval.txt"), all);
    return voc;
  }

  /**
   * Writes SBD as {@code root/benchmark_RELEASE/dataset/{img, cls, train.txt, val.txt}}: images as
   * {@link #voc}'s, masks as MAT files holding struct {@code GTcls} with field {@code
   * Segmentation} (uint8), ids {@code 2008_00000i}.
   *
   * @return the {@code dataset} folder
   */
  public static Path sbd(Path root, int train, int val, int height, int width) throws IOException {
    Path sbd = root.resolve("benchmark_RELEASE").resolve("dataset");
    Path scratch = Files.createTempDirectory("sbd-voc");
    Path voc = voc(scratch, train + val, 0, height, width);
    Files.createDirectories(sbd.resolve("img"));
    Files.createDirectories(sbd.resolve("cls"));
    List<String> trainIds = new ArrayList<>();
    List<String> valIds = new ArrayList<>();
    for (int i = 0; i < train + val; i++) {
      String vocId = String.format("2007_%06d", i);
      String id = String.format("2008_%06d", i);
      (i < train ? trainIds : valIds).add(id);
      Files.copy(voc.resolve("JPEGImages").resolve(vocId + ".jpg"), sbd.resolve("img").resolve(id + ".jpg"));
      PlanarImage mask = org.deltaboost.data.image.ImageFileReader.readIndexed(
          voc.resolve("SegmentationClass").resolve(vocId + ".png"));
      us.hebi.matlab.mat.types.Matrix segmentation =
          us.hebi.matlab.mat.format.Mat5.newMatrix(height, width, us.hebi.matlab.mat.types.MatlabType.UInt8);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          segmentation.setInt(y, x, mask.sample(0, y, x));
        }
      }
      us.hebi.matlab.mat.types.Struct gtCls =
          us.hebi.matlab.mat.format.Mat5.newStruct()
              .set("Boundaries", us.hebi.matlab.mat.format.Mat5.newCell(20, 1))
              .set("Segmentation", segmentation)
              .set("CategoriesPresent", us.hebi.matlab.mat.format.Mat5.newScalar(1));
      us.hebi.matlab.mat.format.Mat5.writeToFile(
          us.hebi.matlab.mat.format.Mat5.newMatFile().addArray("GTcls", gtCls),
          sbd.resolve("cls").resolve(id + ".mat").toFile());
    }
    Files.write(sbd.resolve("train.txt"), trainIds);
    Files.write(sbd.resolve("val.txt"), valIds);
    return sbd;
  }

  private static PlanarImage noisy(int[] colour, int height, int width, SplittableRandom random) {
    byte[] samples = new byte[3 * height * width];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < height * width; i++) {
        int v = colour[c] + random.nextInt(61) - 30;
        samples[c * height * width + i] = (byte) Math.max(0, Math.min(255, v));
      }
    }
    return PlanarImage.of(3, height, width, samples);
  }
}
