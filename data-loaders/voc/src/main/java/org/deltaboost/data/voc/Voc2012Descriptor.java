package org.deltaboost.data.voc;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.OfficialDownload;
import org.deltaboost.data.core.DatasetStatus.State;

/**
 * PASCAL VOC 2012 segmentation: found where {@link Voc2012#root(Path)} finds {@code
 * ImageSets/Segmentation}. Checked: {@code JPEGImages/} and {@code SegmentationClass/} exist; each
 * of {@code train.txt}, {@code val.txt}, {@code trainval.txt} reads, lists the expected number of
 * ids, each with its JPEG and PNG; {@code trainval} is {@code train ∪ val}; the first training
 * mask decodes to class indices. A candidate holding only the unextracted archive or an incomplete
 * {@code VOCdevkit/} is {@code INVALID}.
 */
final class Voc2012Descriptor implements DatasetDescriptor {
  /** The release archive. */
  static final String ARCHIVE = "VOCtrainval_11-May-2012.tar";

  /** Where it is published. */
  static final String URL = "http://host.robots.ox.ac.uk/pascal/VOC/voc2012/" + ARCHIVE;

  /** The segmentation list sizes of the release. */
  static final Map<String, Integer> OFFICIAL_COUNTS =
      Map.of("train", 1464, "val", 1449, "trainval", 2913);

  private final Map<String, Integer> expectedCounts;

  Voc2012Descriptor(Map<String, Integer> expectedCounts) {
    this.expectedCounts = Map.copyOf(expectedCounts);
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
  public List<String> howToGet(DataLocator locator) {
    Path target = locator.candidates(name()).get(0);
    return List.of(
        "On a machine with network access download " + URL + ".",
        VocDescriptors.checkStep(ARCHIVE),
        "mkdir -p "
            + target
            + " && tar xf "
            + ARCHIVE
            + " -C "
            + target
            + " (makes "
            + target.resolve("VOCdevkit").resolve("VOC2012")
            + "/ with JPEGImages/, SegmentationClass/ and ImageSets/Segmentation/; the archive"
            + " is not needed afterwards).",
        VocDescriptors.placesStep(locator, name(), "VOCdevkit/"));
  }

  /**
   * @return the release archive, checked against torchvision's MD5; extract it afterwards as
   *     {@link #howToGet} says
   */
  @Override
  public List<OfficialDownload> downloads() {
    return List.of(new OfficialDownload(URI.create(URL), VocDescriptors.archive(ARCHIVE)));
  }

  @Override
  public DatasetStatus status(DataLocator locator) {
    List<Path> searched = locator.candidates(name());
    for (Path place : searched) {
      Optional<Path> root = Voc2012.root(place);
      if (root.isPresent()) {
        try {
          return new DatasetStatus(
              name(), State.UNVERIFIED, root.get(), check(root.get()), searched, howToGet(locator));
        } catch (DatasetFormatException | RuntimeException e) {
          return new DatasetStatus(
              name(), State.INVALID, root.get(), e.getMessage(), searched, howToGet(locator));
        }
      }
      Optional<String> partial = partial(place);
      if (partial.isPresent()) {
        return new DatasetStatus(
            name(), State.INVALID, place, partial.get(), searched, howToGet(locator));
      }
    }
    return DatasetStatus.missing(name(), searched, howToGet(locator));
  }

  /** What a candidate holds when it has the archive or VOCdevkit but no segmentation lists. */
  private static Optional<String> partial(Path place) {
    if (Files.isRegularFile(place.resolve(ARCHIVE))) {
      return Optional.of(
          place.resolve(ARCHIVE)
              + ": found, but not extracted: run tar xf "
              + place.resolve(ARCHIVE)
              + " -C "
              + place);
    }
    if (Files.isDirectory(place.resolve("VOCdevkit"))) {
      return Optional.of(
          place.resolve("VOCdevkit")
              + ": expected VOC2012/ImageSets/Segmentation inside, found none (an incomplete"
              + " extraction, or another VOC year?)");
    }
    return Optional.empty();
  }

  private String check(Path root) throws DatasetFormatException {
    for (String folder : List.of("JPEGImages", "SegmentationClass")) {
      if (!Files.isDirectory(root.resolve(folder))) {
        throw DatasetFormatException.mismatch(
            root.toString(), folder + "/", "a folder of the release", "none");
      }
    }
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

  @Override
  public String toString() {
    return name();
  }
}
