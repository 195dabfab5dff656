package org.deltaboost.data.voc;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * PASCAL VOC 2012 segmentation: found where {@link Voc2012#root(Path)} finds {@code
 * ImageSets/Segmentation}. Checked: {@code JPEGImages/} and {@code SegmentationClass/} exist; each
 * of {@code train.txt}, {@code val.txt}, {@code trainval.txt} reads, lists the expected number of
 * ids, each with its JPEG and PNG; {@code trainval} is {@code train ∪ val}; the first training mask
 * decodes to class indices. A candidate holding only the unextracted archive or an incomplete
 * {@code VOCdevkit/} is {@code INVALID}.
 */
final class Voc2012Descriptor extends SegmentationReleaseDescriptor {
  /** The release archive. */
  static final String ARCHIVE = "VOCtrainval_11-May-2012.tar";

  /** Where it is published. */
  static final String URL = "http://host.robots.ox.ac.uk/pascal/VOC/voc2012/" + ARCHIVE;

  /** The segmentation list sizes of the release. */
  static final Map<String, Integer> OFFICIAL_COUNTS =
      Map.of("train", 1464, "val", 1449, "trainval", 2913);

  Voc2012Descriptor(Map<String, Integer> expectedCounts) {
    super(ARCHIVE, URL, "VOCdevkit", "xf", expectedCounts);
  }

  @Override
  public String name() {
    return Voc2012.NAME;
  }

  @Override
  public String description() {
    return "PASCAL VOC 2012 segmentation (Everingham et al.): 1464 train and 1449 val images with"
        + " class masks in 21 classes; official archive "
        + ARCHIVE;
  }

  @Override
  Optional<Path> root(Path place) {
    return Voc2012.root(place);
  }

  @Override
  String extractedContents(Path target) {
    return target.resolve("VOCdevkit").resolve("VOC2012")
        + "/ with JPEGImages/, SegmentationClass/ and ImageSets/Segmentation/";
  }

  @Override
  String expectedInsideRelease() {
    return "VOC2012/ImageSets/Segmentation";
  }

  @Override
  List<String> requiredFolders() {
    return List.of("JPEGImages", "SegmentationClass");
  }

  @Override
  String checkLists(Path root) throws DatasetFormatException {
    Voc2012 voc = Voc2012.at(root);
    Map<String, Set<String>> ids = new HashMap<>();
    SegmentationExample first = null;
    for (String split : Voc2012.SPLITS) {
      List<SegmentationExample> examples = voc.split(split);
      Path list = root.resolve("ImageSets").resolve("Segmentation").resolve(split + ".txt");
      int expected = expectedCounts.get(split);
      if (examples.size() != expected) {
        throw DatasetFormatException.mismatch(
            list.toString(), "ids", expected + " (the official VOC 2012 list)", examples.size());
      }
      Set<String> splitIds = new HashSet<>();
      examples.forEach(e -> splitIds.add(e.id()));
      ids.put(split, splitIds);
      if (split.equals("train")) {
        first = examples.get(0);
      }
    }
    Set<String> union = new HashSet<>(ids.get("train"));
    union.addAll(ids.get("val"));
    if (!union.equals(ids.get("trainval"))) {
      throw DatasetFormatException.mismatch(
          root.resolve("ImageSets/Segmentation/trainval.txt").toString(),
          "ids",
          "the ids of train.txt and val.txt (" + union.size() + ")",
          ids.get("trainval").size() + " ids that differ");
    }
    SegmentationMasks.read(first.mask());
    return "segmentation lists "
        + ids.get("train").size()
        + " train, "
        + ids.get("val").size()
        + " val, "
        + ids.get("trainval").size()
        + " trainval ids, each with its JPEG and PNG mask; "
        + first.mask().getFileName()
        + " decodes to class indices; extracted files have no published checksums";
  }
}
