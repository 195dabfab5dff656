package org.deltaboost.data.voc;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
 * The Semantic Boundaries Dataset: found where {@link Sbd#root(Path)} finds {@code cls/} and
 * {@code train.txt}. Checked: {@code img/} exists; {@code train.txt} and {@code val.txt} read,
 * list the expected number of ids, each with its JPEG and MAT file, and share no id; the first
 * training mask decodes ({@code GTcls.Segmentation}). A candidate holding only the unextracted
 * archive or an incomplete {@code benchmark_RELEASE/} is {@code INVALID}.
 */
final class SbdDescriptor implements DatasetDescriptor {
  /** The release archive. */
  static final String ARCHIVE = "benchmark.tgz";

  /** Where it is published. */
  static final String URL =
      "http://www.eecs.berkeley.edu/Research/Projects/CS/vision/grouping/semantic_contours/"
          + ARCHIVE;

  /** The list sizes of the release. */
  static final Map<String, Integer> OFFICIAL_COUNTS = Map.of("train", 8498, "val", 2857);

  private final Map<String, Integer> expectedCounts;

  SbdDescriptor(Map<String, Integer> expectedCounts) {
    this.expectedCounts = Map.copyOf(expectedCounts);
  }

  @Override
  public String name() {
    return Sbd.NAME;
  }

  @Override
  public String description() {
    return "SBD, the Semantic Boundaries Dataset (Hariharan et al. 2011): 8498 train and 2857 val"
        + " images with VOC class masks, the extra labels for VOC 2012; official archive "
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
            + " && tar xzf "
            + ARCHIVE
            + " -C "
            + target
            + " (makes "
            + target.resolve("benchmark_RELEASE").resolve("dataset")
            + "/ with img/, cls/, train.txt and val.txt; the archive is not needed afterwards).",
        VocDescriptors.placesStep(locator, name(), "benchmark_RELEASE/"));
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
      Optional<Path> root = Sbd.root(place);
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

  /** What a candidate holds when it has the archive or benchmark_RELEASE but no dataset. */
  private static Optional<String> partial(Path place) {
    if (Files.isRegularFile(place.resolve(ARCHIVE))) {
      return Optional.of(
          place.resolve(ARCHIVE)
              + ": found, but not extracted: run tar xzf "
              + place.resolve(ARCHIVE)
              + " -C "
              + place);
    }
    if (Files.isDirectory(place.resolve("benchmark_RELEASE"))) {
      return Optional.of(
          place.resolve("benchmark_RELEASE")
              + ": expected dataset/cls/ and dataset/train.txt inside, found none (an incomplete"
              + " extraction?)");
    }
    return Optional.empty();
  }

  private String check(Path root) throws DatasetFormatException {
    if (!Files.isDirectory(root.resolve("img"))) {
      throw DatasetFormatException.mismatch(
          root.toString(), "img/", "a folder of the release", "none");
    }
    Sbd sbd = Sbd.at(root);
    List<String> counts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    SegmentationExample first = null;
    for (String split : Sbd.SPLITS) {
      List<SegmentationExample> examples = sbd.split(split);
      int expected = expectedCounts.get(split);
      if (examples.size() != expected) {
        throw DatasetFormatException.mismatch(
            root.resolve(split + ".txt").toString(),
            "ids",
            expected + " (the official SBD list)",
            examples.size());
      }
      for (SegmentationExample e : examples) {
        if (!seen.add(e.id())) {
          throw DatasetFormatException.mismatch(
              root.resolve(split + ".txt").toString(),
              "id " + e.id(),
              "an id in one list only",
              "it in train.txt too");
        }
      }
      if (first == null) {
        first = examples.get(0);
      }
      counts.add(examples.size() + " " + split);
    }
    SegmentationMasks.read(first.mask());
    return "lists "
        + String.join(", ", counts)
        + " ids, each with its JPEG and MAT file; "
        + first.mask().getFileName()
        + " decodes to class indices; extracted files have no published checksums";
  }

  @Override
  public String toString() {
    return name();
  }
}
