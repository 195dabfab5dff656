package org.deltaboost.data.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds a dataset's folder by the dataset's name (e.g. {@code "fashion-mnist"}).
 *
 * <p>With an explicit data directory (the {@code --data-dir} option) that directory is the only
 * place looked at: it may be the dataset folder itself or its parent holding {@code <name>/}.
 * Without one, the places are, in order: {@code $DELTABOOST_DATA/<name>}, {@code
 * ~/.deltaboost/datasets/<name>}, and Debian's {@code /usr/share/datasets/<name>}.
 */
public final class DataLocator {
  /** The environment variable naming a folder of datasets. */
  public static final String ENVIRONMENT_VARIABLE = "DELTABOOST_DATA";

  /** Where Debian's {@code dataset-*} packages install datasets. */
  public static final Path SYSTEM_ROOT = Path.of("/usr/share/datasets");

  private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path dataDir;
  private final List<Path> roots;

  private DataLocator(Path dataDir, List<Path> roots) {
    this.dataDir = dataDir;
    this.roots = List.copyOf(roots);
  }

  /**
   * @param dataDir the only place to look: a dataset folder or a folder of dataset folders
   * @return a locator that looks nowhere else
   */
  public static DataLocator ofDataDir(Path dataDir) {
    return new DataLocator(Objects.requireNonNull(dataDir, "dataDir"), List.of());
  }

  /**
   * @param roots folders of dataset folders, searched in order
   * @return a locator that looks for {@code <root>/<name>} in each
   */
  public static DataLocator ofRoots(List<Path> roots) {
    return new DataLocator(null, roots);
  }

  /**
   * @return the standard search order, read from this process's environment and home
   */
  public static DataLocator standard() {
    return standard(System.getenv(), Path.of(System.getProperty("user.home")), SYSTEM_ROOT);
  }

  /**
   * The standard search order from the given environment, for tests and embedding.
   *
   * @param environment variables, of which {@value #ENVIRONMENT_VARIABLE} is read if set and not
   *     blank
   * @param userHome the home folder holding {@code .deltaboost/datasets}
   * @param systemRoot the system's dataset folder, normally {@link #SYSTEM_ROOT}
   * @return a locator over those roots
   */
  public static DataLocator standard(
      Map<String, String> environment, Path userHome, Path systemRoot) {
    List<Path> roots = new ArrayList<>();
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      roots.add(Path.of(fromEnvironment));
    }
    roots.add(userHome.resolve(".deltaboost").resolve("datasets"));
    roots.add(systemRoot);
    return ofRoots(roots);
  }

  /**
   * What a command line asks for.
   *
   * @param dataDir the {@code --data-dir} value, or {@code null} when not given
   * @return a locator that looks in {@code dataDir} first (when given), then in the places of
   *     {@link #standard()}
   */
  public static DataLocator forDataDir(Path dataDir) {
    DataLocator standard = standard();
    return dataDir == null ? standard : new DataLocator(dataDir, standard.roots);
  }

  /**
   * @param name a dataset name such as {@code "fashion-mnist"}
   * @return the folders that may hold the dataset, in the order they are looked at
   */
  public List<Path> candidates(String name) {
    checkName(name);
    List<Path> places = new ArrayList<>();
    if (dataDir != null) {
      places.add(dataDir.resolve(name));
      places.add(dataDir);
    }
    for (Path root : roots) {
      places.add(root.resolve(name));
    }
    return places;
  }

  /**
   * @param name a dataset name such as {@code "fashion-mnist"}
   * @return the first candidate that is a directory
   */
  public Optional<Path> locate(String name) {
    return locate(name, Files::isDirectory);
  }

  /**
   * @param name a dataset name such as {@code "fashion-mnist"}
   * @param isComplete tells whether a directory holds the dataset's files
   * @return the first candidate that is a directory holding the dataset
   */
  public Optional<Path> locate(String name, Predicate<Path> isComplete) {
    return candidates(name).stream().filter(Files::isDirectory).filter(isComplete).findFirst();
  }

  /** Tells whether a folder holds a dataset; may fail for a folder that holds it damaged. */
  @FunctionalInterface
  public interface PlaceCheck {
    /**
     * @param dir an existing folder
     * @return whether it holds the dataset's files
     * @throws DatasetFormatException naming the path when the folder holds one of the dataset's
     *     file names as something other than a readable file (see {@link DatasetFile})
     */
    boolean holdsDataset(Path dir) throws DatasetFormatException;
  }

  /**
   * Like {@link #locate(String, Predicate)}, but failing with the places searched, and at the first
   * place whose check fails: a damaged folder is reported, not passed over for the next place.
   *
   * @param name a dataset name such as {@code "fashion-mnist"}
   * @param isComplete tells whether a directory holds the dataset's files
   * @param expectedFiles what a dataset folder holds, for the message
   * @return the dataset's folder
   * @throws DatasetFormatException naming the places searched when none holds the dataset, or the
   *     path that {@code isComplete} found damaged
   */
  public Path require(String name, PlaceCheck isComplete, String expectedFiles)
      throws DatasetFormatException {
    for (Path place : candidates(name)) {
      if (Files.isDirectory(place) && isComplete.holdsDataset(place)) {
        return place;
      }
    }
    StringBuilder message =
        new StringBuilder("dataset '")
            .append(name)
            .append("' not found: expected a folder holding ")
            .append(expectedFiles)
            .append("; looked in, in order:");
    for (Path place : candidates(name)) {
      message
          .append("\n  ")
          .append(place)
          .append(Files.isDirectory(place) ? " (exists, files missing)" : " (no such folder)");
    }
    message
        .append("\nPoint --data-dir at the folder, or set ")
        .append(ENVIRONMENT_VARIABLE)
        .append(" to a folder holding ")
        .append(name)
        .append("/.");
    throw new DatasetFormatException(message.toString());
  }

  private static void checkName(String name) {
    if (name == null || !DATASET_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "dataset name: expected letters, digits, '.', '_' or '-', found " + name);
    }
  }

  @Override
  public String toString() {
    return dataDir != null
        ? "DataLocator[dataDir=" + dataDir + "]"
        : "DataLocator[roots=" + roots + "]";
  }
}
