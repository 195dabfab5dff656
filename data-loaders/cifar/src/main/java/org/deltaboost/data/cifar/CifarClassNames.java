package org.deltaboost.data.cifar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * A release's class names, indexed by label, read from the copies of the official names files
 * beside this class ({@code cifar-*-classes.txt}); names files found with the data must agree with
 * them.
 *
 * @param fine the fine (or only) labels' names
 * @param coarse the coarse labels' names; empty for a release without them
 */
record CifarClassNames(List<String> fine, List<String> coarse) {

  /**
   * Reads the names from resources beside this class.
   *
   * @param fineResource the fine names' resource
   * @param coarseResource the coarse names' resource, or null
   */
  static CifarClassNames fromResources(String fineResource, String coarseResource) {
    return new CifarClassNames(
        resourceLines(fineResource),
        coarseResource == null ? List.of() : resourceLines(coarseResource));
  }

  /** Returns the names of {@code label}'s classes. */
  List<String> of(CifarLabel label) {
    return label == CifarLabel.FINE ? fine : coarse;
  }

  /**
   * Checks a names file found with the data against the expected names, in order.
   *
   * @param source where the file was read, for the message
   * @param found its names
   * @param label which label's names it holds
   * @throws DatasetFormatException naming the source and the first difference
   */
  void check(String source, List<String> found, CifarLabel label) throws DatasetFormatException {
    List<String> expected = of(label);
    if (found.size() != expected.size()) {
      throw DatasetFormatException.mismatch(
          source,
          "class names",
          expected.size()
              + " names ("
              + expected.get(0)
              + " … "
              + expected.get(expected.size() - 1)
              + ")",
          found.size() + " names");
    }
    for (int i = 0; i < found.size(); i++) {
      if (!found.get(i).equals(expected.get(i))) {
        throw DatasetFormatException.mismatch(
            source, "class name " + i, expected.get(i), "\"" + found.get(i) + "\"");
      }
    }
  }

  private static List<String> resourceLines(String resource) {
    try (InputStream in = CifarClassNames.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + ": missing from the build");
      }
      return CifarNamesFile.read(in, resource, -1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
