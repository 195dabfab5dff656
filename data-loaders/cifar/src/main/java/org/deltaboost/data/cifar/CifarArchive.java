package org.deltaboost.data.cifar;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.deltaboost.data.core.ArchiveEntryName;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * Reads chosen entries of a tar archive, gzip-compressed (told by the magic bytes {@code 1f 8b}) or
 * not, in one pass and without extracting anything. Every entry's name is checked first: an
 * absolute name or one with {@code ..} rejects the whole archive. Wanted entries are matched by
 * their last name segment (the official archives keep them in one folder), must be regular files,
 * and may occur once.
 */
final class CifarArchive {
  private static final int BUFFER_SIZE = 1 << 16;

  /** What to do with one wanted entry; the stream ends at the entry's end. */
  interface EntryReader {
    void read(String fileName, InputStream in, long size, String source) throws IOException;
  }

  private CifarArchive() {}

  /**
   * @param archive the {@code .tar.gz} (or {@code .tar}) file
   * @param wanted the file names (last segments) to read
   * @param reader called for each wanted entry, in archive order
   * @return the wanted names that were found
   * @throws DatasetFormatException for an unsafe, duplicate or non-file entry, or a damaged or
   *     truncated archive, naming the archive (and the entry)
   */
  static Set<String> read(Path archive, Set<String> wanted, EntryReader reader) throws IOException {
    Set<String> found = new HashSet<>();
    try (InputStream file = Files.newInputStream(archive);
        BufferedInputStream buffered = new BufferedInputStream(file, BUFFER_SIZE);
        InputStream decoded = decode(buffered, archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(decoded)) {
      TarArchiveEntry entry;
      while ((entry = nextEntry(tar, archive)) != null) {
        String name = ArchiveEntryName.check(archive.toString(), entry.getName());
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        if (!wanted.contains(fileName)) {
          continue;
        }
        String source = archive + "!" + name;
        if (!entry.isFile() || entry.isLink() || entry.isSymbolicLink()) {
          throw DatasetFormatException.mismatch(
              source, "entry type", "a regular file", "a link, folder or device entry");
        }
        if (!found.add(fileName)) {
          throw DatasetFormatException.mismatch(
              source, "entry", "one entry named " + fileName, "a second one");
        }
        try {
          reader.read(fileName, tar, entry.getSize(), source);
        } catch (DatasetFormatException e) {
          throw e;
        } catch (IOException e) {
          // Besides EOFException and ZipException, commons-compress reports an entry cut short as
          // a plain IOException ("Truncated TAR archive").
          throw damaged(archive, e);
        }
      }
    } catch (DatasetFormatException e) {
      throw e;
    } catch (EOFException | ZipException e) {
      throw damaged(archive, e);
    }
    return found;
  }

  private static InputStream decode(BufferedInputStream in, Path archive) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new GZIPInputStream(in, BUFFER_SIZE);
      } catch (EOFException | ZipException e) {
        throw damaged(archive, e);
      }
    }
    return in;
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, Path archive)
      throws IOException {
    try {
      return tar.getNextEntry();
    } catch (EOFException | ZipException e) {
      throw damaged(archive, e);
    } catch (IOException e) {
      if (e instanceof DatasetFormatException) {
        throw e;
      }
      // commons-compress reports malformed tar headers as plain IOExceptions.
      throw new DatasetFormatException(
          archive + ": tar header: damaged (" + e.getMessage() + ")", e);
    }
  }

  private static DatasetFormatException damaged(Path archive, IOException e) {
    return new DatasetFormatException(
        archive + ": archive damaged or truncated (" + e.getMessage() + ")", e);
  }
}
