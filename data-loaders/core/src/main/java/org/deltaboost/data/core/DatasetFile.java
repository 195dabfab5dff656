package org.deltaboost.data.core;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A dataset file looked up by name in a folder: absent (nothing by that name) or a readable regular
 * file. Anything else by that name (a folder, a device, a link to nothing, a file this process may
 * not read) is an error naming the path, never taken for absent, so that a damaged dataset folder
 * is reported instead of silently passed over for the next place a {@link DataLocator} searches.
 */
public final class DatasetFile {
  private DatasetFile() {}

  /**
   * @param dir the folder
   * @param name the file's name in it
   * @return the file, or empty when nothing by that name exists
   * @throws DatasetFormatException naming the path when something by that name exists but is not a
   *     readable regular file
   */
  public static Optional<Path> find(Path dir, String name) throws DatasetFormatException {
    Path path = dir.resolve(name);
    if (Files.isRegularFile(path)) {
      if (!Files.isReadable(path)) {
        throw DatasetFormatException.mismatch(
            path.toString(), "dataset file", "a readable file", "a file this process may not read");
      }
      return Optional.of(path);
    }
    if (Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    String found;
    if (Files.isDirectory(path)) {
      found = "a folder";
    } else if (Files.isSymbolicLink(path)) {
      found = "a link to nothing";
    } else {
      found = "neither a file nor a folder";
    }
    throw DatasetFormatException.mismatch(
        path.toString(), "dataset file", "a readable file", found);
  }
}
