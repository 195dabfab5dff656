package org.deltaboost.data.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a dataset was found and whether it checked out, as {@code deltaboost datasets} prints it.
 *
 * @param dataset the dataset's name, e.g. {@code "cifar-10"}
 * @param state found and verified, found but not verifiable, found but damaged, or missing
 * @param location what was found (a folder or an archive), or {@code null} when missing
 * @param detail what was found and checked, or what is wrong (naming file, expected and found)
 * @param searched every place looked at, in order
 * @param howToGet the steps to get the dataset; printed when it is missing or damaged
 */
public record DatasetStatus(
    String dataset,
    State state,
    Path location,
    String detail,
    List<Path> searched,
    List<String> howToGet) {

  /** How a dataset stands on this machine. */
  public enum State {
    /** Found, and the official archive's checksums match. */
    VERIFIED,
    /** Found and readable, but nothing official to check it against (e.g. extracted files). */
    UNVERIFIED,
    /** Found, but a checksum, size or format check failed. */
    INVALID,
    /** Not found in any place searched. */
    MISSING
  }

  /**
   * Checks consistency: a location exactly when the dataset was found.
   *
   * @throws IllegalArgumentException if the location is missing for a found dataset or present for
   *     a missing one
   */
  public DatasetStatus {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    searched = List.copyOf(searched);
    howToGet = List.copyOf(howToGet);
    if ((location == null) != (state == State.MISSING)) {
      throw new IllegalArgumentException(
          dataset
              + ": location: expected one exactly when found, found "
              + location
              + " for "
              + state);
    }
  }

  /**
   * @param dataset the dataset's name
   * @param searched every place looked at
   * @param howToGet the steps to get it
   * @return the status of a dataset found nowhere
   */
  public static DatasetStatus missing(String dataset, List<Path> searched, List<String> howToGet) {
    return new DatasetStatus(dataset, State.MISSING, null, "not found", searched, howToGet);
  }

  /**
   * @return where the dataset was found, if it was
   */
  public Optional<Path> foundAt() {
    return Optional.ofNullable(location);
  }

  /**
   * @return whether the dataset can be used (verified or unverified)
   */
  public boolean usable() {
    return state == State.VERIFIED || state == State.UNVERIFIED;
  }

  /**
   * The text {@code deltaboost datasets} prints for this dataset: a headline, the detail, and for a
   * missing or damaged dataset the places searched and the numbered steps to get it.
   *
   * <pre>
   * cifar-10: VERIFIED at /data/cifar-10/cifar-10-binary.tar.gz
   *   md5:c32a… matches the official cifar-10-binary.tar.gz
   * </pre>
   *
   * @return lines separated by {@code \n}, without a final newline
   */
  public String report() {
    StringBuilder out = new StringBuilder(dataset).append(": ").append(state);
    if (location != null) {
      out.append(" at ").append(location);
    }
    out.append("\n  ").append(detail);
    if (!usable()) {
      out.append("\n  looked in, in order:");
      for (Path place : searched) {
        out.append("\n    ")
            .append(place)
            .append(Files.exists(place) ? " (exists)" : " (does not exist)");
      }
      out.append("\n  to get it:");
      for (int i = 0; i < howToGet.size(); i++) {
        out.append("\n    ").append(i + 1).append(". ").append(howToGet.get(i));
      }
    }
    return out.toString();
  }
}
