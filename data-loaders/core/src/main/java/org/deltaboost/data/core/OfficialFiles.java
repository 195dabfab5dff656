package org.deltaboost.data.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The official files of one or more datasets, read from a data file shipped beside the loader, so
 * that published checksums live in data, not code. One file per line, fields separated by blanks:
 *
 * <pre>
 * # name                   bytes       checksums (one or more, or none)
 * cifar-10-binary.tar.gz   170052171   md5:c32a1d4ab5d03f1284b67883e8d87530
 * some-file.tar            -           sha256:… md5:…
 * </pre>
 *
 * <p>{@code -} stands for an unknown size; {@code #} starts a comment; blank lines are skipped. A
 * loader reads its list with {@code read(MyLoader.class.getResourceAsStream("official-files.txt"),
 * "…")}: the loader's own class must open the stream, as resources of a named module's packages are
 * encapsulated.
 */
public final class OfficialFiles {
  private final String source;
  private final Map<String, OfficialFile> files;

  private OfficialFiles(String source, Map<String, OfficialFile> files) {
    this.source = source;
    this.files = files;
  }

  /**
   * @param in the data file, UTF-8; closed when read. {@code null} (a resource that was not found)
   *     is reported as missing
   * @param source the data file's name for messages
   * @return the files it lists
   * @throws DatasetFormatException naming the line and field when a line is malformed, or a name
   *     repeats
   * @throws IOException if the stream cannot be read
   */
  public static OfficialFiles read(InputStream in, String source) throws IOException {
    if (in == null) {
      throw new DatasetFormatException(source + ": not found (a resource missing from the build?)");
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    return parse(lines, source);
  }

  /**
   * @param lines the data file's lines
   * @param source the data file's name for messages
   * @return the files listed
   * @throws DatasetFormatException naming the line and field when a line is malformed
   */
  public static OfficialFiles parse(List<String> lines, String source)
      throws DatasetFormatException {
    Map<String, OfficialFile> files = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String where = source + " line " + (i + 1);
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (content.isEmpty()) {
        continue;
      }
      String[] fields = content.split("\\s+");
      if (fields.length < 2) {
        throw DatasetFormatException.mismatch(
            where, "fields", "<name> <bytes or -> [<algorithm>:<hex> …]", content);
      }
      long size;
      if (fields[1].equals("-")) {
        size = -1;
      } else {
        try {
          size = Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
          size = -2;
        }
        if (size < 0) {
          throw DatasetFormatException.mismatch(
              where, "bytes", "a byte count or -", "\"" + fields[1] + "\"");
        }
      }
      List<Checksum> checksums = new ArrayList<>();
      for (int f = 2; f < fields.length; f++) {
        try {
          checksums.add(Checksum.parse(fields[f]));
        } catch (IllegalArgumentException e) {
          throw new DatasetFormatException(where + ": " + e.getMessage(), e);
        }
      }
      OfficialFile file = new OfficialFile(fields[0], size, checksums);
      if (files.putIfAbsent(file.name(), file) != null) {
        throw DatasetFormatException.mismatch(
            where, "name", "each file listed once", fields[0] + " listed again");
      }
    }
    return new OfficialFiles(source, Map.copyOf(files));
  }

  /**
   * @param name a file name as published, e.g. {@code "cifar-10-binary.tar.gz"}
   * @return its description, if listed
   */
  public Optional<OfficialFile> find(String name) {
    return Optional.ofNullable(files.get(name));
  }

  /**
   * @param name a file name as published
   * @return its description
   * @throws IllegalStateException if not listed: the loader and its data file disagree
   */
  public OfficialFile get(String name) {
    OfficialFile file = files.get(name);
    if (file == null) {
      throw new IllegalStateException(source + ": lists no official file named " + name);
    }
    return file;
  }

  /**
   * @return the number of files listed
   */
  public int size() {
    return files.size();
  }

  @Override
  public String toString() {
    return "OfficialFiles[" + source + ": " + files.keySet() + "]";
  }
}
