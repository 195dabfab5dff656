package org.deltaboost.data.imagenet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deltaboost.data.core.Checksum;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.DatasetStatus.State;
import org.deltaboost.data.core.OfficialFiles;

/**
 * ImageNet 2012 for {@code deltaboost datasets}: where the extracted release is (a candidate folder
 * holding {@code train/} or {@code val/}), a check of its layout, and the steps to get it.
 *
 * <p>Checked, in order, each cheap (directory listings, no image decoded): {@code train/} holds the
 * expected number of class folders (1000), not the per-class {@code .tar} files of a half-done
 * extraction, and each holds at least one image; {@code val/} holds either the same class folders,
 * each with images, or the expected number of flat {@code ILSVRC2012_val_*.JPEG} files (50,000)
 * with the devkit beside them, whose {@code meta.mat} classes are {@code train/}'s and whose ground
 * truth has a label per image. A good folder is {@code UNVERIFIED}: extracted files have no
 * published checksums. The archives' MD5s shown in the steps come from {@code official-files.txt}
 * beside this class. A candidate holding only the archives is {@code INVALID}.
 */
public final class ImageNetDescriptor implements DatasetDescriptor {
  /** The training images archive. */
  public static final String TRAIN_ARCHIVE = "ILSVRC2012_img_train.tar";

  /** The validation images archive. */
  public static final String VAL_ARCHIVE = "ILSVRC2012_img_val.tar";

  /** The development kit (class list, validation labels). */
  public static final String DEVKIT_ARCHIVE = "ILSVRC2012_devkit_t12.tar.gz";

  /** The download page (an image-net.org account is required). */
  public static final String DOWNLOAD_PAGE =
      "https://image-net.org/challenges/LSVRC/2012/2012-downloads.php";

  private static final List<String> ARCHIVES = List.of(TRAIN_ARCHIVE, VAL_ARCHIVE, DEVKIT_ARCHIVE);

  private final int classCount;
  private final int valImages;

  /** The release's numbers: 1000 classes, 50,000 validation images. */
  public ImageNetDescriptor() {
    this(1000, 50_000);
  }

  ImageNetDescriptor(int classCount, int valImages) {
    this.classCount = classCount;
    this.valImages = valImages;
  }

  /**
   * @return ImageNet 2012, for {@code deltaboost datasets}
   */
  public static List<DatasetDescriptor> descriptors() {
    return List.of(new ImageNetDescriptor());
  }

  /**
   * @return {@value ImageNet2012#NAME}
   */
  @Override
  public String name() {
    return ImageNet2012.NAME;
  }

  @Override
  public String description() {
    return "ImageNet 2012 (ILSVRC2012-CLS): about 1.28 million training and 50,000 validation"
        + " images in 1000 classes; official archives "
        + String.join(", ", ARCHIVES);
  }

  @Override
  public List<String> howToGet(DataLocator locator) {
    Path target = locator.candidates(name()).get(0);
    Path train = target.resolve("train");
    Path val = target.resolve("val");
    List<String> checks = new ArrayList<>();
    OfficialFiles official = officialFiles();
    for (String archive : ARCHIVES) {
      for (Checksum checksum : official.get(archive).checksums()) {
        checks.add(checksum.checkCommand(archive));
      }
    }
    return List.of(
        "Sign up at https://image-net.org and accept its terms of access, then download "
            + String.join(", ", ARCHIVES)
            + " from "
            + DOWNLOAD_PAGE
            + " (about 138 GB, 6.3 GB and 2.5 MB).",
        "Check them: " + String.join(" && ", checks),
        "mkdir -p "
            + train
            + " && tar xf "
            + TRAIN_ARCHIVE
            + " -C "
            + train
            + " && (cd "
            + train
            + " && for f in n*.tar; do mkdir \"${f%.tar}\" && tar xf \"$f\" -C \"${f%.tar}\" && rm"
            + " \"$f\"; done) (the archive holds one .tar per class; this makes"
            + " train/<wnid>/*.JPEG).",
        "mkdir -p "
            + val
            + " && tar xf "
            + VAL_ARCHIVE
            + " -C "
            + val
            + " (50,000 flat ILSVRC2012_val_*.JPEG files, labelled by the devkit).",
        "tar xzf "
            + DEVKIT_ARCHIVE
            + " -C "
            + target
            + " (makes "
            + target.resolve(ImageNetDevkit.FOLDER)
            + "/ with data/meta.mat and the validation ground truth).",
        "Or put train/, val/ and "
            + ImageNetDevkit.FOLDER
            + "/ in another of the places searched, first found wins: "
            + String.join(", ", locator.candidates(name()).stream().map(Path::toString).toList())
            + "; a folder given with --data-dir DIR (DIR itself or DIR/"
            + name()
            + "), $"
            + DataLocator.ENVIRONMENT_VARIABLE
            + "/"
            + name()
            + ", ~/.deltaboost/datasets/"
            + name()
            + " or "
            + DataLocator.SYSTEM_ROOT.resolve(name())
            + ".");
  }

  @Override
  public DatasetStatus status(DataLocator locator) {
    List<Path> searched = locator.candidates(name());
    for (Path place : searched) {
      if (Files.isDirectory(place.resolve("train")) || Files.isDirectory(place.resolve("val"))) {
        try {
          return new DatasetStatus(
              name(), State.UNVERIFIED, place, check(place), searched, howToGet(locator));
        } catch (DatasetFormatException | RuntimeException e) {
          return new DatasetStatus(
              name(), State.INVALID, place, e.getMessage(), searched, howToGet(locator));
        }
      }
      List<String> archives =
          ARCHIVES.stream().filter(a -> Files.isRegularFile(place.resolve(a))).toList();
      if (!archives.isEmpty()) {
        return new DatasetStatus(
            name(),
            State.INVALID,
            place,
            place
                + ": "
                + String.join(", ", archives)
                + " found, but no train/ or val/: extract them as the steps below say",
            searched,
            howToGet(locator));
      }
    }
    return DatasetStatus.missing(name(), searched, howToGet(locator));
  }

  private String check(Path root) throws DatasetFormatException {
    Path train = requireFolder(root, "train", TRAIN_ARCHIVE);
    List<String> classes = subfolders(train);
    if (classes.isEmpty()) {
      long tars = count(train, "n", ".tar");
      if (tars > 0) {
        throw new DatasetFormatException(
            train
                + ": holds "
                + tars
                + " per-class .tar files but no class folders: extract each into"
                + " train/<wnid>/ (step 3)");
      }
    }
    if (classes.size() != classCount) {
      throw DatasetFormatException.mismatch(
          train.toString(), "class folders", classCount + " (one per WordNet id)", classes.size());
    }
    requireImagesIn(train, classes);
    Path val = requireFolder(root, "val", VAL_ARCHIVE);
    List<String> valClasses = subfolders(val);
    String valDetail;
    if (!valClasses.isEmpty()) {
      if (!valClasses.equals(classes)) {
        List<String> unknown = new ArrayList<>(valClasses);
        unknown.removeAll(new HashSet<>(classes));
        throw DatasetFormatException.mismatch(
            val.toString(),
            "class folders",
            "the " + classes.size() + " of train/",
            valClasses.size()
                + (unknown.isEmpty() ? "" : ", e.g. " + unknown.get(0) + " not in train/"));
      }
      requireImagesIn(val, valClasses);
      valDetail = "val: " + valClasses.size() + " class folders, each holding images";
    } else {
      long flat = count(val, "ILSVRC2012_val_", ".jpeg");
      if (flat != valImages) {
        throw DatasetFormatException.mismatch(
            val.toString(), "ILSVRC2012_val_*.JPEG files", valImages + " (or class folders)", flat);
      }
      Path devkitFolder = root.resolve(ImageNetDevkit.FOLDER);
      if (!Files.isDirectory(devkitFolder)) {
        throw new DatasetFormatException(
            devkitFolder
                + ": no such folder; flat validation images are labelled by it (extract "
                + DEVKIT_ARCHIVE
                + ")");
      }
      ImageNetDevkit devkit = ImageNetDevkit.read(devkitFolder);
      List<String> devkitClasses = new ArrayList<>(devkit.classWnids());
      devkitClasses.sort(null);
      if (!devkitClasses.equals(classes)) {
        throw DatasetFormatException.mismatch(
            devkitFolder.resolve("data/meta.mat").toString(),
            "classes",
            "the " + classes.size() + " class folders of train/",
            devkitClasses.size() + " WordNet ids that differ");
      }
      int labels = devkit.validationWnids().size();
      if (labels != valImages) {
        throw DatasetFormatException.mismatch(
            devkitFolder.resolve("data/ILSVRC2012_validation_ground_truth.txt").toString(),
            "labels",
            valImages + ", one per validation image",
            labels);
      }
      valDetail =
          "val: "
              + flat
              + " flat images labelled by "
              + ImageNetDevkit.FOLDER
              + " (its classes are train/'s)";
    }
    return "train: "
        + classes.size()
        + " class folders, each holding images; "
        + valDetail
        + "; extracted files have no published checksums";
  }

  private static Path requireFolder(Path root, String name, String archive)
      throws DatasetFormatException {
    Path folder = root.resolve(name);
    if (!Files.isDirectory(folder)) {
      throw new DatasetFormatException(
          folder + ": no such folder (extract " + archive + " there, see the steps below)");
    }
    return folder;
  }

  /** Checks that each class folder holds an image, reading only up to the first one. */
  private static void requireImagesIn(Path split, List<String> classes)
      throws DatasetFormatException {
    for (String wnid : classes) {
      Path folder = split.resolve(wnid);
      boolean found = false;
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        for (Path entry : entries) {
          if (isImage(entry)) {
            found = true;
            break;
          }
        }
      } catch (IOException e) {
        throw new DatasetFormatException(folder + ": cannot be listed: " + e, e);
      }
      if (!found) {
        throw new DatasetFormatException(
            folder + ": no images (.JPEG, .jpg or .png) in the class folder");
      }
    }
  }

  private static boolean isImage(Path entry) {
    String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
    return (name.endsWith(".jpeg") || name.endsWith(".jpg") || name.endsWith(".png"))
        && Files.isRegularFile(entry);
  }

  private static List<String> subfolders(Path dir) throws DatasetFormatException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DatasetFormatException(dir + ": cannot be listed: " + e, e);
    }
  }

  /** Files whose lower-cased name starts and ends as given. */
  private static long count(Path dir, String prefix, String suffix) throws DatasetFormatException {
    String lowerPrefix = prefix.toLowerCase(Locale.ROOT);
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT))
          .filter(n -> n.startsWith(lowerPrefix) && n.endsWith(suffix))
          .count();
    } catch (IOException e) {
      throw new DatasetFormatException(dir + ": cannot be listed: " + e, e);
    }
  }

  private static OfficialFiles officialFiles() {
    try {
      return OfficialFiles.read(
          ImageNetDescriptor.class.getResourceAsStream("official-files.txt"), "official-files.txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
