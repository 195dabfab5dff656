package org.deltaboost.data.core;

import java.nio.file.Path;

/**
 * Checks the name of an entry read from an archive (tar, zip) before anything uses it: an entry
 * that is absolute ({@code /etc/passwd}, {@code C:\x}, {@code \\server\x}) or climbs with {@code
 * ..} is rejected, so no entry can name a place outside the folder it belongs to ("zip slip").
 * Names use {@code /} as separator; {@code \} is treated as one too, as Windows tools would.
 */
public final class ArchiveEntryName {
  private ArchiveEntryName() {}

  /**
   * @param archive the archive's name for messages
   * @param entryName the entry's name as stored
   * @return the name with {@code \} turned into {@code /}, {@code ./} prefixes, empty and {@code .}
   *     segments and a trailing {@code /} removed, e.g. {@code
   *     "cifar-10-batches-bin/test_batch.bin"}
   * @throws DatasetFormatException {@code "<archive>: entry \"<name>\": expected a relative path
   *     without '..', found …"} for an absolute or climbing name, or an empty one
   */
  public static String check(String archive, String entryName) throws DatasetFormatException {
    String name = entryName.replace('\\', '/');
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw reject(archive, entryName, "an absolute path");
    }
    StringBuilder clean = new StringBuilder();
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw reject(archive, entryName, "a '..' segment");
      }
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (clean.length() > 0) {
        clean.append('/');
      }
      clean.append(segment);
    }
    if (clean.length() == 0) {
      throw reject(archive, entryName, "an empty name");
    }
    return clean.toString();
  }

  /**
   * Where an entry goes when extracted into {@code target}; checked as in {@link #check}.
   *
   * @param archive the archive's name for messages
   * @param target the folder extracted into
   * @param entryName the entry's name as stored
   * @return a path inside {@code target}
   * @throws DatasetFormatException for an absolute or climbing name
   */
  public static Path resolveInside(String archive, Path target, String entryName)
      throws DatasetFormatException {
    Path base = target.toAbsolutePath().normalize();
    Path resolved = base.resolve(check(archive, entryName)).normalize();
    if (!resolved.startsWith(base)) {
      throw reject(archive, entryName, "a path outside " + base);
    }
    return resolved;
  }

  private static DatasetFormatException reject(String archive, String entryName, String found) {
    return DatasetFormatException.mismatch(
        archive,
        "entry \"" + entryName + "\"",
        "a relative path without '..' inside the archive",
        found + " (rejected; nothing is read from or written for it)");
  }
}
