package org.deltaboost.data.voc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * The Semantic Boundaries Dataset (Hariharan et al., 2011) as released ({@code benchmark.tgz},
 * extracted): {@code benchmark_RELEASE/dataset/img/<id>.jpg}, {@code cls/<id>.mat} (struct {@code
 * GTcls}, field {@code Segmentation}; see {@link SbdClassFile}) and {@code train.txt} (8498 ids),
 * {@code val.txt} (2857 ids).
 *
 * <p>The folder may be given as the folder holding {@code benchmark_RELEASE}, as {@code
 * benchmark_RELEASE}, or as {@code dataset} itself.
 */
public final class Sbd {
  /** The dataset's name for {@link DataLocator}. */
  public static final String NAME = "sbd";

  /** The splits. */
  public static final List<String> SPLITS = List.of("train", "val");

  private static final ReleaseLayout LAYOUT =
      new ReleaseLayout(
          "benchmark_RELEASE",
          "dataset",
          place ->
              Files.isDirectory(place.resolve("cls"))
                  && Files.isRegularFile(place.resolve("train.txt")),
          "{cls/,train.txt}");

  private final Path root;

  private Sbd(Path root) {
    this.root = root;
  }

  /**
   * @param candidate a folder that may hold the dataset
   * @return the {@code dataset} folder inside it (or itself), if it holds {@code cls/} and {@code
   *     train.txt}
   */
  public static Optional<Path> root(Path candidate) {
    return LAYOUT.find(candidate);
  }

  /**
   * @param dir the extracted release (see the class comment for the accepted folders)
   * @return the dataset
   * @throws DatasetFormatException if {@code dir} holds no SBD {@code dataset} folder
   */
  public static Sbd at(Path dir) throws DatasetFormatException {
    return new Sbd(LAYOUT.require(dir, "SBD"));
  }

  /**
   * @param locator where to look for the {@value #NAME} folder
   * @return the dataset
   * @throws DatasetFormatException listing the places searched when not found
   */
  public static Sbd locate(DataLocator locator) throws DatasetFormatException {
    Path found =
        locator.require(
            NAME,
            place -> root(place).isPresent(),
            "benchmark_RELEASE/dataset/{img,cls,train.txt,val.txt} from benchmark.tgz");
    return at(found);
  }

  /**
   * @return the {@code dataset} folder
   */
  public Path root() {
    return root;
  }

  /**
   * @param split {@code train} or {@code val}
   * @return the listed images with their MAT masks, in list order
   * @throws DatasetFormatException if the list is missing or malformed, or names a missing file
   */
  public List<SegmentationExample> split(String split) throws DatasetFormatException {
    if (!SPLITS.contains(split)) {
      throw new IllegalArgumentException("split: expected one of " + SPLITS + ", found " + split);
    }
    return SplitListFile.read(root.resolve(split + ".txt"), this::example);
  }

  /**
   * @param id an image id such as {@code 2008_000002}
   * @return its JPEG and MAT mask (not checked to exist)
   */
  public SegmentationExample example(String id) {
    return new SegmentationExample(
        id, root.resolve("img").resolve(id + ".jpg"), root.resolve("cls").resolve(id + ".mat"));
  }

  @Override
  public String toString() {
    return "Sbd[" + root + "]";
  }
}
