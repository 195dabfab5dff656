package org.deltaboost.data.voc;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.DatasetStatus.State;
import org.deltaboost.data.core.OfficialDownload;

/**
 * What VOC 2012 and SBD describe alike: one official archive extracted into one release folder
 * ({@code VOCdevkit/}, {@code benchmark_RELEASE/}); a candidate place is {@code UNVERIFIED} when
 * the dataset's root is found and {@link #checkLists} accepts it, {@code INVALID} when that check
 * fails or the place holds only the unextracted archive or an incomplete release folder.
 */
abstract class SegmentationReleaseDescriptor implements DatasetDescriptor {
  private final String archive;
  private final String url;
  private final String releaseFolder;
  private final String tarFlags;

  /** The list sizes the check expects, by split. */
  protected final Map<String, Integer> expectedCounts;

  /**
   * @param archive the release archive's file name
   * @param url where it is published
   * @param releaseFolder the folder the archive extracts to
   * @param tarFlags {@code tar}'s flags to extract it ({@code xf}, {@code xzf})
   * @param expectedCounts the list sizes the check expects, by split
   */
  SegmentationReleaseDescriptor(
      String archive,
      String url,
      String releaseFolder,
      String tarFlags,
      Map<String, Integer> expectedCounts) {
    this.archive = archive;
    this.url = url;
    this.releaseFolder = releaseFolder;
    this.tarFlags = tarFlags;
    this.expectedCounts = Map.copyOf(expectedCounts);
  }

  /** The dataset's root inside a candidate place, if it holds one. */
  abstract Optional<Path> root(Path place);

  /** Where extraction puts the dataset under {@code target}, and what that folder holds. */
  abstract String extractedContents(Path target);

  /** What an incomplete release folder lacks, e.g. {@code "VOC2012/ImageSets/Segmentation"}. */
  abstract String expectedInsideRelease();

  /** The folders of the release that must exist under the root. */
  abstract List<String> requiredFolders();

  /**
   * Checks the split lists (and a first mask) under {@code root}.
   *
   * @return what was checked, for the status line
   * @throws DatasetFormatException naming the file and the problem
   */
  abstract String checkLists(Path root) throws DatasetFormatException;

  @Override
  public List<String> howToGet(DataLocator locator) {
    Path target = locator.candidates(name()).get(0);
    return List.of(
        "On a machine with network access download " + url + ".",
        VocDescriptors.checkStep(archive),
        "mkdir -p "
            + target
            + " && tar "
            + tarFlags
            + " "
            + archive
            + " -C "
            + target
            + " (makes "
            + extractedContents(target)
            + "; the archive is not needed afterwards).",
        VocDescriptors.placesStep(locator, name(), releaseFolder + "/"));
  }

  /**
   * @return the release archive, checked against its published MD5; extract it afterwards as {@link
   *     #howToGet} says
   */
  @Override
  public List<OfficialDownload> downloads() {
    return List.of(new OfficialDownload(URI.create(url), VocDescriptors.archive(archive)));
  }

  @Override
  public DatasetStatus status(DataLocator locator) {
    List<Path> searched = locator.candidates(name());
    for (Path place : searched) {
      Optional<Path> root = root(place);
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

  /** What a candidate holds when it has the archive or the release folder but no dataset. */
  private Optional<String> partial(Path place) {
    if (Files.isRegularFile(place.resolve(archive))) {
      return Optional.of(
          place.resolve(archive)
              + ": found, but not extracted: run tar "
              + tarFlags
              + " "
              + place.resolve(archive)
              + " -C "
              + place);
    }
    if (Files.isDirectory(place.resolve(releaseFolder))) {
      return Optional.of(
          place.resolve(releaseFolder)
              + ": expected "
              + expectedInsideRelease()
              + " inside, found none (an incomplete extraction?)");
    }
    return Optional.empty();
  }

  private String check(Path root) throws DatasetFormatException {
    for (String folder : requiredFolders()) {
      if (!Files.isDirectory(root.resolve(folder))) {
        throw DatasetFormatException.mismatch(
            root.toString(), folder + "/", "a folder of the release", "none");
      }
    }
    return checkLists(root);
  }

  @Override
  public String toString() {
    return name();
  }
}
