package org.deltaboost.data.idx;

/** The two parts an MNIST-family dataset ships as, and the prefix of their file names. */
public enum Split {
  /** The training images: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}. */
  TRAIN("train", "train"),
  /** The test images: {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}. */
  TEST("test", "t10k");

  private final String id;
  private final String filePrefix;

  Split(String id, String filePrefix) {
    this.id = id;
    this.filePrefix = filePrefix;
  }

  /**
   * @return the split's name in dataset names, {@code "train"} or {@code "test"}
   */
  public String id() {
    return id;
  }

  /**
   * @return the image file's name without {@code .gz}
   */
  public String imagesFile() {
    return filePrefix + "-images-idx3-ubyte";
  }

  /**
   * @return the label file's name without {@code .gz}
   */
  public String labelsFile() {
    return filePrefix + "-labels-idx1-ubyte";
  }
}
