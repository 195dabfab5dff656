package org.deltaboost.data.voc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled image of a segmentation split: its id (e.g. {@code 2007_000032}), its JPEG and its
 * mask, a VOC palette PNG ({@code SegmentationClass/<id>.png}) or an SBD MAT file ({@code
 * cls/<id>.mat}).
 *
 * @param id the image id, as listed in the split file
 * @param image the JPEG
 * @param mask the class mask, {@code .png} or {@code .mat}
 */
public record SegmentationExample(String id, Path image, Path mask) {
  /** Checks that every field is present. */
  public SegmentationExample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(mask, "mask");
  }
}
