package org.deltaboost.data.cifar;

/** The two parts CIFAR ships as. */
public enum CifarSplit {
  /** The 50,000 training images. */
  TRAIN("train"),
  /** The 10,000 test images. */
  TEST("test");

  private final String id;

  CifarSplit(String id) {
    this.id = id;
  }

  /**
   * @return the split's name in set names, {@code "train"} or {@code "test"}
   */
  public String id() {
    return id;
  }
}
