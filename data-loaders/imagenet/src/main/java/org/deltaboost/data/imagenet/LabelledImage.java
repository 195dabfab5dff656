package org.deltaboost.data.imagenet;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An image file and its class index.
 *
 * @param file the JPEG (or PNG named {@code .JPEG})
 * @param label the class index, in sorted-WordNet-id order
 */
public record LabelledImage(Path file, int label) {
  /** Checks the fields. */
  public LabelledImage {
    Objects.requireNonNull(file, "file");
    if (label < 0) {
      throw new IllegalArgumentException(file + ": label: expected ≥ 0, found " + label);
    }
  }
}
