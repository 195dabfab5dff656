package org.deltaboost.data.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFile;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * The datasets shipped as MNIST is: per split, an IDX image file of 28×28 grey images and an IDX
 * label file with one label in {@code [0, 10)} per image, each raw or gzip-compressed.
 */
public enum MnistFamily {
  /** LeCun, Cortes and Burges' handwritten digits; classes "0" to "9". */
  MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
  /** Zalando's article images (Xiao, Rasul and Vollgraf, 2017). */
  FASHION_MNIST(
      "fashion-mnist",
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot"));

  /** Rows of every image. */
  public static final int ROWS = 28;

  /** Columns of every image. */
  public static final int COLS = 28;

  private final String datasetName;
  private final List<String> classNames;

  MnistFamily(String datasetName, List<String> classNames) {
    this.datasetName = datasetName;
    this.classNames = classNames;
  }

  /**
   * @return the dataset's folder name, e.g. {@code "fashion-mnist"}
   */
  public String datasetName() {
    return datasetName;
  }

  /**
   * @return the class names, indexed by label
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * Loads one split from a folder holding {@code <prefix>-images-idx3-ubyte[.gz]} and {@code
   * <prefix>-labels-idx1-ubyte[.gz]} (the raw file is taken when both exist).
   *
   * @param dir the dataset folder
   * @param split which part
   * @return the images, named {@code "<dataset>/<split>"}, e.g. {@code "fashion-mnist/train"}
   * @throws DatasetFormatException if a file is missing or malformed, or the two disagree
   * @throws IOException if a file cannot be read
   */
  public ImageClassificationSet load(Path dir, Split split) throws IOException {
    Path imagesPath = requireFile(dir, split.imagesFile());
    Path labelsPath = requireFile(dir, split.labelsFile());
    return assemble(
        IdxImageFile.read(imagesPath),
        IdxLabelFile.read(labelsPath),
        datasetName + "/" + split.id());
  }

  /**
   * Finds the dataset's folder and loads one split from it.
   *
   * @param locator where to look
   * @param split which part
   * @return the images, named {@code "<dataset>/<split>"}
   * @throws DatasetFormatException if the dataset is not found (listing the places searched), or a
   *     file is malformed
   * @throws IOException if a file cannot be read
   */
  public ImageClassificationSet load(DataLocator locator, Split split) throws IOException {
    return load(locate(locator), split);
  }

  /**
   * @param locator where to look
   * @return the first folder holding both splits' image and label files
   * @throws DatasetFormatException listing the places searched when none holds them
   */
  public Path locate(DataLocator locator) throws DatasetFormatException {
    return locator.require(datasetName, this::holdsDataset, expectedFiles());
  }

  /**
   * Like {@link #isComplete}, but failing for a folder that holds one of the files' names as a
   * folder, a link to nothing or an unreadable file (see {@link DatasetFile}).
   */
  private boolean holdsDataset(Path dir) throws DatasetFormatException {
    for (Split split : Split.values()) {
      if (findReadableFile(dir, split.imagesFile()).isEmpty()
          || findReadableFile(dir, split.labelsFile()).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param dir a folder
   * @return whether it holds both splits' image and label files, raw or gzip
   */
  public boolean isComplete(Path dir) {
    for (Split split : Split.values()) {
      if (findFile(dir, split.imagesFile()).isEmpty()
          || findFile(dir, split.labelsFile()).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks that the two files describe one 28×28 image set with labels in {@code [0, 10)}.
   *
   * @param images the image file
   * @param labels the label file
   * @param name the set's name
   * @return the set
   */
  ImageClassificationSet assemble(IdxImageFile images, IdxLabelFile labels, String name)
      throws DatasetFormatException {
    if (images.rows() != ROWS || images.cols() != COLS) {
      throw DatasetFormatException.mismatch(
          images.source(),
          "rows×cols",
          ROWS + "×" + COLS + " for " + datasetName,
          images.rows() + "×" + images.cols());
    }
    if (labels.count() != images.count()) {
      throw DatasetFormatException.mismatch(
          labels.source(),
          "count",
          images.count() + " labels, one per image of " + images.source(),
          labels.count());
    }
    int[] values = labels.labels();
    for (int i = 0; i < values.length; i++) {
      if (values[i] >= classNames.size()) {
        throw DatasetFormatException.mismatch(
            labels.source(),
            "label of image " + i,
            "a class in 0.." + (classNames.size() - 1),
            values[i]);
      }
    }
    return ImageClassificationSet.owning(
        name, images.sharedPixels(), values, 1, ROWS, COLS, classNames);
  }

  private String expectedFiles() {
    StringBuilder files = new StringBuilder();
    for (Split split : Split.values()) {
      files
          .append(split.imagesFile())
          .append("[.gz], ")
          .append(split.labelsFile())
          .append("[.gz], ");
    }
    return files.substring(0, files.length() - 2);
  }

  private static Path requireFile(Path dir, String name) throws DatasetFormatException {
    return findReadableFile(dir, name)
        .orElseThrow(
            () ->
                DatasetFormatException.mismatch(
                    dir.toString(), name, name + " or " + name + ".gz", "neither"));
  }

  /** As {@link #findFile}, failing for a name held by something other than a readable file. */
  private static Optional<Path> findReadableFile(Path dir, String name)
      throws DatasetFormatException {
    Optional<Path> raw = DatasetFile.find(dir, name);
    return raw.isPresent() ? raw : DatasetFile.find(dir, name + ".gz");
  }

  /** The raw file when present, else the {@code .gz} one: the file {@link #load} reads. */
  static Optional<Path> findFile(Path dir, String name) {
    Path raw = dir.resolve(name);
    if (Files.isRegularFile(raw)) {
      return Optional.of(raw);
    }
    Path gzip = dir.resolve(name + ".gz");
    return Files.isRegularFile(gzip) ? Optional.of(gzip) : Optional.empty();
  }
}
