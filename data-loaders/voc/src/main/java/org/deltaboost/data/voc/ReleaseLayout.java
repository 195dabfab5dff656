package org.deltaboost.data.voc;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * Where an extracted release keeps its dataset: {@code <release>/<inner>} (e.g. {@code
 * VOCdevkit/VOC2012}, {@code benchmark_RELEASE/dataset}), and the places a user may point at
 * instead: the release folder's parent, the inner folder's parent, or the inner folder itself.
 *
 * @param release the folder the archive extracts to
 * @param inner the dataset's folder inside it
 * @param holds whether a folder is the dataset's root
 * @param expected what {@link #require} says it looked for, e.g. {@code
 *     "VOCdevkit/VOC2012/ImageSets/Segmentation"}
 */
record ReleaseLayout(String release, String inner, Predicate<Path> holds, String expected) {

  /** Returns the dataset's root in or at {@code candidate}, trying the deepest place first. */
  Optional<Path> find(Path candidate) {
    for (Path place :
        List.of(candidate.resolve(release).resolve(inner), candidate.resolve(inner), candidate)) {
      if (holds.test(place)) {
        return Optional.of(place);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the dataset's root in or at {@code dir}.
   *
   * @param dataset the dataset's name for the message
   * @throws DatasetFormatException naming {@code dir} and what was expected there
   */
  Path require(Path dir, String dataset) throws DatasetFormatException {
    return find(dir)
        .orElseThrow(
            () ->
                new DatasetFormatException(
                    dir
                        + ": not "
                        + dataset
                        + ": expected "
                        + release
                        + "/"
                        + inner
                        + "/"
                        + expected
                        + " (or "
                        + inner
                        + "/… or "
                        + expected
                        + " directly)"));
  }
}
