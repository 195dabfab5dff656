package org.deltaboost.harness.catalog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.deltaboost.data.cifar.CifarDataset;
import org.deltaboost.data.cifar.CifarLabel;
import org.deltaboost.data.image.ImageFileWriter;
import org.deltaboost.data.image.PlanarImage;
import org.deltaboost.data.voc.VocClasses;

/**
 * Writes datasets in the official on-disk layouts, tiny where the loader allows it (CIFAR's loader
 * checks the official record counts), with content a network can learn: an ImageNet image or CIFAR
 * record of class {@code c} is a noisy field of colour {@code c} (CIFAR: {@code c mod 6}), an IDX
 * image's brightness says its label; a VOC image is split in a left and a right half of two
 * classes, each with its colour, and its palette-indexed mask says so, with a void (255) border
 * column between them as VOC draws object outlines.
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
    return imagenet(root, classes, trainPerClass, valPerClass, height, width, false);
  }

  /**
   * Writes ImageNet 2012 as released: {@code root/imagenet/train/<wnid>/*.JPEG}, the flat {@code
   * root/imagenet/val/ILSVRC2012_val_%08d.JPEG} and the devkit {@code
   * root/imagenet/ILSVRC2012_devkit_t12/data/} labelling them: {@code meta.mat} (struct array
   * {@code synsets} with {@code ILSVRC2012_ID} 1..classes, {@code WNID}, {@code words}) and {@code
   * ILSVRC2012_validation_ground_truth.txt} (the class id of image n on line n).
   *
   * @return the {@code imagenet} folder
   */
  public static Path imagenetFlatVal(
      Path root, int classes, int trainPerClass, int valPerClass, int height, int width)
      throws IOException {
    Path base = imagenet(root, classes, trainPerClass, valPerClass, height, width, true);
    Path data = Files.createDirectories(base.resolve("ILSVRC2012_devkit_t12").resolve("data"));
    us.hebi.matlab.mat.types.Struct synsets = us.hebi.matlab.mat.format.Mat5.newStruct(classes, 1);
    List<String> groundTruth = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      synsets.set("ILSVRC2012_ID", c, us.hebi.matlab.mat.format.Mat5.newScalar(c + 1));
      synsets.set("WNID", c, us.hebi.matlab.mat.format.Mat5.newString(wnid(c)));
      synsets.set("words", c, us.hebi.matlab.mat.format.Mat5.newString("fixture class " + c));
      for (int i = 0; i < valPerClass; i++) {
        groundTruth.add(Integer.toString(c + 1));
      }
    }
    us.hebi.matlab.mat.format.Mat5.writeToFile(
        us.hebi.matlab.mat.format.Mat5.newMatFile().addArray("synsets", synsets),
        data.resolve("meta.mat").toFile());
    Files.write(data.resolve("ILSVRC2012_validation_ground_truth.txt"), groundTruth);
    return base;
  }

  private static Path imagenet(
      Path root,
      int classes,
      int trainPerClass,
      int valPerClass,
      int height,
      int width,
      boolean flatVal)
      throws IOException {
    Path base = root.resolve("imagenet");
    SplittableRandom random = new SplittableRandom(7);
    for (int c = 0; c < classes; c++) {
      String wnid = wnid(c);
      for (String split : List.of("train", "val")) {
        Path folder =
            split.equals("val") && flatVal
                ? base.resolve(split)
                : base.resolve(split).resolve(wnid);
        Files.createDirectories(folder);
        int count = split.equals("train") ? trainPerClass : valPerClass;
        for (int i = 0; i < count; i++) {
          String name =
              split.equals("train")
                  ? wnid + "_" + i + ".JPEG"
                  : String.format("ILSVRC2012_val_%08d.JPEG", 1 + c * valPerClass + i);
          ImageFileWriter.writeJpeg(
              noisy(COLOURS[c], height, width, random), folder.resolve(name), 0.95f);
        }
      }
    }
    return base;
  }

  private static String wnid(int c) {
    return String.format("n%08d", 1440764 + c);
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
      ImageFileWriter.writeJpeg(
          PlanarImage.of(3, height, width, rgb), images.resolve(id + ".jpg"), 0.95f);
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
   * {@link #voc}'s, masks as MAT files holding struct {@code GTcls} with field {@code Segmentation}
   * (uint8), ids {@code 2008_00000i}.
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
      Files.copy(
          voc.resolve("JPEGImages").resolve(vocId + ".jpg"),
          sbd.resolve("img").resolve(id + ".jpg"));
      PlanarImage mask =
          org.deltaboost.data.image.ImageFileReader.readIndexed(
              voc.resolve("SegmentationClass").resolve(vocId + ".png"));
      us.hebi.matlab.mat.types.Matrix segmentation =
          us.hebi.matlab.mat.format.Mat5.newMatrix(
              height, width, us.hebi.matlab.mat.types.MatlabType.UInt8);
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

  /**
   * Writes an MNIST-family dataset ({@code fashion-mnist}, {@code mnist}) as released: {@code
   * root/<name>/{train,t10k}-images-idx3-ubyte} (magic 0x803, count, 28, 28, then the pixels) and
   * {@code -labels-idx1-ubyte} (magic 0x801, count, then one byte per label), gzip-compressed with
   * a {@code .gz} suffix when {@code gzip}. Image i has label i mod 10 and a noisy brightness of 20
   * + 23·label.
   *
   * @return the dataset folder
   */
  public static Path idx(Path root, String name, int train, int test, boolean gzip)
      throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    SplittableRandom random = new SplittableRandom(13);
    for (String prefix : List.of("train", "t10k")) {
      int count = prefix.equals("train") ? train : test;
      ByteBuffer images =
          ByteBuffer.allocate(16 + count * 28 * 28)
              .putInt(0x803)
              .putInt(count)
              .putInt(28)
              .putInt(28);
      ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
      for (int i = 0; i < count; i++) {
        int label = i % 10;
        labels.put((byte) label);
        for (int k = 0; k < 28 * 28; k++) {
          images.put((byte) (20 + 23 * label + random.nextInt(11)));
        }
      }
      writeMaybeGzipped(dir.resolve(prefix + "-images-idx3-ubyte"), images.array(), gzip);
      writeMaybeGzipped(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array(), gzip);
    }
    return dir;
  }

  private static void writeMaybeGzipped(Path file, byte[] content, boolean gzip)
      throws IOException {
    if (!gzip) {
      Files.write(file, content);
      return;
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(Path.of(file + ".gz")))) {
      out.write(content);
    }
  }

  /**
   * Writes CIFAR-10 as extracted from the official archive, at the official size (the loader checks
   * every file against 10,000 records): {@code root/cifar-10/cifar-10-batches-bin/} with {@code
   * data_batch_1..5.bin}, {@code test_batch.bin} (records of a label byte, then 1024 red, 1024
   * green and 1024 blue bytes) and {@code batches.meta.txt}. Record r has label r mod 10.
   *
   * @return the {@code cifar-10-batches-bin} folder
   */
  public static Path cifar10Folder(Path root) throws IOException {
    Path dir = Files.createDirectories(root.resolve("cifar-10").resolve("cifar-10-batches-bin"));
    for (int b = 1; b <= 5; b++) {
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(dir.resolve("data_batch_" + b + ".bin")))) {
        cifarRecords(out, CIFAR_FILE_RECORDS, false);
      }
    }
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(dir.resolve("test_batch.bin")))) {
      cifarRecords(out, CIFAR_FILE_RECORDS, false);
    }
    Files.write(
        dir.resolve("batches.meta.txt"), names(CifarDataset.CIFAR_10.classNames(CifarLabel.FINE)));
    return dir;
  }

  /**
   * Writes CIFAR-100 as the official {@code cifar-100-binary.tar.gz} holds it, at the official size
   * (50,000 training and 10,000 test records of a coarse and a fine label byte, then the pixels as
   * CIFAR-10's): entries {@code cifar-100-binary/{train.bin, test.bin, fine_label_names.txt,
   * coarse_label_names.txt}}. Not named as the official archive, whose published MD5 it would fail.
   *
   * @param archive the {@code .tar.gz} file to write
   * @return {@code archive}
   */
  public static Path cifar100Archive(Path archive) throws IOException {
    Files.createDirectories(archive.toAbsolutePath().getParent());
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive));
        OutputStream gzip =
            new GZIPOutputStream(file) {
              {
                def.setLevel(Deflater.BEST_SPEED);
              }
            };
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.putArchiveEntry(tarEntry("cifar-100-binary/", TarArchiveEntry.LF_DIR, 0));
      tar.closeArchiveEntry();
      for (String name : List.of("train.bin", "test.bin")) {
        int records = name.equals("train.bin") ? 5 * CIFAR_FILE_RECORDS : CIFAR_FILE_RECORDS;
        tar.putArchiveEntry(
            tarEntry("cifar-100-binary/" + name, TarArchiveEntry.LF_NORMAL, records * 3074L));
        cifarRecords(tar, records, true);
        tar.closeArchiveEntry();
      }
      for (CifarLabel label : List.of(CifarLabel.FINE, CifarLabel.COARSE)) {
        byte[] names =
            String.join("\n", names(CifarDataset.CIFAR_100.classNames(label)))
                .getBytes(StandardCharsets.US_ASCII);
        String name = label == CifarLabel.FINE ? "fine_label_names.txt" : "coarse_label_names.txt";
        tar.putArchiveEntry(
            tarEntry("cifar-100-binary/" + name, TarArchiveEntry.LF_NORMAL, names.length));
        tar.write(names);
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }

  /** Records per CIFAR-10 batch file and per test file, as released. */
  private static final int CIFAR_FILE_RECORDS = 10_000;

  /** Record r: label r mod 10 (CIFAR-100: coarse r mod 20, fine r mod 100), then a class colour. */
  private static void cifarRecords(OutputStream out, int records, boolean coarseAndFine)
      throws IOException {
    byte[] record = new byte[(coarseAndFine ? 2 : 1) + 3072];
    for (int r = 0; r < records; r++) {
      int label = coarseAndFine ? r % 100 : r % 10;
      int at = 0;
      if (coarseAndFine) {
        record[at++] = (byte) (r % 20);
      }
      record[at++] = (byte) label;
      int[] colour = COLOURS[label % COLOURS.length];
      for (int c = 0; c < 3; c++) {
        for (int k = 0; k < 1024; k++) {
          record[at++] = (byte) (colour[c] - 10 + (k * 7 + r) % 21);
        }
      }
      out.write(record);
    }
  }

  /** A names file as released: one name per line, then a blank line. */
  private static List<String> names(List<String> classNames) {
    List<String> lines = new ArrayList<>(classNames);
    lines.add("");
    return lines;
  }

  private static TarArchiveEntry tarEntry(String name, byte type, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    if (type != TarArchiveEntry.LF_DIR) {
      entry.setSize(size);
    }
    return entry;
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
