package org.deltaboost.data.voc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * The Semantic Boundaries Dataset: found where {@link Sbd#root(Path)} finds {@code cls/} and {@code
 * train.txt}. Checked: {@code img/} exists; {@code train.txt} and {@code val.txt} read, list the
 * expected number of ids, each with its JPEG and MAT file, and share no id; the first training mask
 * decodes ({@code GTcls.Segmentation}). A candidate holding only the unextracted archive or an
 * incomplete {@code benchmark_RELEASE/} is {@code INVALID}.
 */
final class SbdDescriptor extends SegmentationReleaseDescriptor {
  /** The release archive. */
  static final String ARCHIVE = "benchmark.tgz";

  /** Where it is published. */
  static final String URL =
      "http://www.eecs.berkeley.edu/Research/Projects/CS/vision/grouping/semantic_contours/"
          + ARCHIVE;

  /** The list sizes of the release. */
  static final Map<String, Integer> OFFICIAL_COUNTS = Map.of("train", 8498, "val", 2857);

  SbdDescriptor(Map<String, Integer> expectedCounts) {
    super(ARCHIVE, URL, "benchmark_RELEASE", "xzf", expectedCounts);
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
  Optional<Path> root(Path place) {
    return Sbd.root(place);
  }

  @Override
  String extractedContents(Path target) {
    return target.resolve("benchmark_RELEASE").resolve("dataset")
        + "/ with img/, cls/, train.txt and val.txt";
  }

  @Override
  String expectedInsideRelease() {
    return "dataset/cls/ and dataset/train.txt";
  }

  @Override
  List<String> requiredFolders() {
    return List.of("img");
  }

  @Override
  String checkLists(Path root) throws DatasetFormatException {
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
}
