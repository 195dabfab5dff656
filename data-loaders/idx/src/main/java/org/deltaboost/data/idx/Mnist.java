package org.deltaboost.data.idx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * MNIST (LeCun, Cortes and Burges): 60,000 training and 10,000 test 28×28 grey images of
 * handwritten digits; see {@link MnistFamily} for the files.
 */
public final class Mnist {
  /** The dataset's folder name. */
  public static final String NAME = MnistFamily.MNIST.datasetName();

  /** The class names, indexed by label: "0" to "9". */
  public static final List<String> CLASS_NAMES = MnistFamily.MNIST.classNames();

  private Mnist() {}

  /**
   * @param dir the folder holding the IDX files
   * @param split which part
   * @return the images, named {@code "mnist/train"} or {@code "mnist/test"}
   * @throws DatasetFormatException if a file is missing or malformed
   * @throws IOException if a file cannot be read
   */
  public static ImageClassificationSet load(Path dir, Split split) throws IOException {
    return MnistFamily.MNIST.load(dir, split);
  }

  /**
   * @param locator where to look for the {@code mnist} folder
   * @param split which part
   * @return the images
   * @throws DatasetFormatException if not found (listing the places searched) or malformed
   * @throws IOException if a file cannot be read
   */
  public static ImageClassificationSet load(DataLocator locator, Split split) throws IOException {
    return MnistFamily.MNIST.load(locator, split);
  }

  /**
   * @param locator where to look
   * @return the folder holding the IDX files of both splits
   * @throws DatasetFormatException listing the places searched when not found
   */
  public static Path locate(DataLocator locator) throws DatasetFormatException {
    return MnistFamily.MNIST.locate(locator);
  }

  /**
   * @return the descriptor {@code deltaboost datasets} reports with: where the files are, whether
   *     they match the official checksums, and how to get them
   */
  public static MnistFamilyDescriptor descriptor() {
    return MnistFamilyDescriptor.of(MnistFamily.MNIST);
  }
}
