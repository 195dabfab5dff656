package org.deltaboost.data.cifar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.deltaboost.data.core.DatasetFile;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * A place that holds a CIFAR release: a folder of its {@code .bin} files, or an archive.
 *
 * @param path the folder or the archive file
 * @param archive whether {@code path} is an archive
 */
record CifarSource(Path path, boolean archive) {

  /**
   * Finds the release at one place, checked in this order: the place is a {@code .tar.gz}/{@code
   * .tgz}/{@code .tar} file; a folder holding any of the data files; a folder holding the archive's
   * folder with them; a folder holding the official archive.
   *
   * @return the source, or empty when the place holds none of the release's files
   * @throws DatasetFormatException for a place holding the archive's name as something other than a
   *     readable file (see {@link DatasetFile})
   */
  static Optional<CifarSource> find(Path place, CifarRelease release)
      throws DatasetFormatException {
    if (Files.isRegularFile(place)) {
      String fileName = place.getFileName().toString();
      boolean isArchive =
          fileName.endsWith(".tar.gz") || fileName.endsWith(".tgz") || fileName.endsWith(".tar");
      return isArchive ? Optional.of(new CifarSource(place, true)) : Optional.empty();
    }
    if (!Files.isDirectory(place)) {
      return Optional.empty();
    }
    if (holdsDataFiles(place, release)) {
      return Optional.of(new CifarSource(place, false));
    }
    Path extracted = place.resolve(release.archiveFolder());
    if (holdsDataFiles(extracted, release)) {
      return Optional.of(new CifarSource(extracted, false));
    }
    return DatasetFile.find(place, release.archiveName())
        .map(archive -> new CifarSource(archive, true));
  }

  private static boolean holdsDataFiles(Path dir, CifarRelease release) {
    return Files.isDirectory(dir)
        && release.allFiles().stream().anyMatch(file -> Files.exists(dir.resolve(file)));
  }

  /** Returns whether this is an archive with the official name, which has published checksums. */
  boolean isOfficialArchive(CifarLayout layout) {
    return archive && path.getFileName().toString().equals(layout.archive().name());
  }

  /**
   * Returns {@code file} in this folder.
   *
   * @throws DatasetFormatException if it is missing or not a regular file
   */
  Path requireFile(String file) throws DatasetFormatException {
    Path resolved = path.resolve(file);
    if (!Files.isRegularFile(resolved)) {
      throw DatasetFormatException.mismatch(
          path.toString(), file, "a file " + file, Files.exists(resolved) ? "not a file" : "none");
    }
    return resolved;
  }
}
