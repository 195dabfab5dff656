package org.deltaboost.data.voc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * PASCAL VOC 2012 segmentation as released ({@code VOCtrainval_11-May-2012.tar}, extracted): {@code
 * VOCdevkit/VOC2012/JPEGImages/<id>.jpg}, {@code SegmentationClass/<id>.png} (palette indices:
 * 0..20, 255 void) and {@code ImageSets/Segmentation/{train,val,trainval}.txt}.
 *
 * <p>The folder may be given as the folder holding {@code VOCdevkit}, as {@code VOCdevkit}, or as
 * {@code VOC2012} itself.
 */
public final class Voc2012 {
  /** The dataset's name for {@link DataLocator}. */
  public static final String NAME = "voc2012";

  /** The splits of {@code ImageSets/Segmentation}. */
  public static final List<String> SPLITS = List.of("train", "val", "trainval");

  private static final ReleaseLayout LAYOUT =
      new ReleaseLayout(
          "VOCdevkit",
          "VOC2012",
          place -> Files.isDirectory(place.resolve("ImageSets").resolve("Segmentation")),
          "ImageSets/Segmentation");

  private final Path root;

  private Voc2012(Path root) {
    this.root = root;
  }

  /**
   * @param candidate a folder that may hold the dataset
   * @return the {@code VOC2012} folder inside it (or itself), if it holds the segmentation lists
   */
  public static Optional<Path> root(Path candidate) {
    return LAYOUT.find(candidate);
  }

  /**
   * @param dir the extracted release (see the class comment for the accepted folders)
   * @return the dataset
   * @throws DatasetFormatException if {@code dir} holds no {@code ImageSets/Segmentation}
   */
  public static Voc2012 at(Path dir) throws DatasetFormatException {
    return new Voc2012(LAYOUT.require(dir, "PASCAL VOC 2012"));
  }

  /**
   * @param locator where to look for the {@value #NAME} folder
   * @return the dataset
   * @throws DatasetFormatException listing the places searched when not found
   */
  public static Voc2012 locate(DataLocator locator) throws DatasetFormatException {
    Path found =
        locator.require(
            NAME,
            place -> root(place).isPresent(),
            "VOCdevkit/VOC2012/{JPEGImages,SegmentationClass,ImageSets/Segmentation}"
                + " from VOCtrainval_11-May-2012.tar");
    return at(found);
  }

  /**
   * @return the {@code VOC2012} folder
   */
  public Path root() {
    return root;
  }

  /**
   * @param split {@code train}, {@code val} or {@code trainval}
   * @return the listed images with their PNG masks, in list order
   * @throws DatasetFormatException if the list is missing or malformed, or names a missing file
   */
  public List<SegmentationExample> split(String split) throws DatasetFormatException {
    if (!SPLITS.contains(split)) {
      throw new IllegalArgumentException("split: expected one of " + SPLITS + ", found " + split);
    }
    Path list = root.resolve("ImageSets").resolve("Segmentation").resolve(split + ".txt");
    return SplitListFile.read(list, this::example);
  }

  /**
   * @param id an image id such as {@code 2007_000032}
   * @return its JPEG and PNG mask (not checked to exist)
   */
  public SegmentationExample example(String id) {
    return new SegmentationExample(
        id,
        root.resolve("JPEGImages").resolve(id + ".jpg"),
        root.resolve("SegmentationClass").resolve(id + ".png"));
  }

  @Override
  public String toString() {
    return "Voc2012[" + root + "]";
  }
}
