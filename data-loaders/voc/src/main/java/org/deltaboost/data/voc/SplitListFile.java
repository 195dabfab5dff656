package org.deltaboost.data.voc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * A split list ({@code ImageSets/Segmentation/train.txt}, SBD's {@code train.txt}): one image id
 * per line. Every listed image and mask must exist; ids are plain names (no separators, no {@code
 * ..}) so a list cannot point outside the dataset. A list is at most {@value #MAX_BYTES} bytes
 * (VOC's largest lists have under 200 KB).
 */
final class SplitListFile {
  /** The largest split list read, in bytes. */
  static final long MAX_BYTES = 16L << 20;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private SplitListFile() {}

  static List<SegmentationExample> read(Path list, Function<String, SegmentationExample> example)
      throws DatasetFormatException {
    List<String> lines;
    try {
      long size = Files.size(list);
      if (size > MAX_BYTES) {
        throw DatasetFormatException.mismatch(
            list.toString(), "file size", "at most " + MAX_BYTES + " bytes", size + " bytes");
      }
      lines = Files.readAllLines(list, StandardCharsets.UTF_8);
    } catch (DatasetFormatException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(list + ": no such split list", e);
    } catch (IOException e) {
      throw new DatasetFormatException(list + ": cannot be read: " + e, e);
    }
    List<SegmentationExample> examples = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String firstMissing = null;
    int missing = 0;
    for (int n = 0; n < lines.size(); n++) {
      String id = lines.get(n).strip();
      if (id.isEmpty()) {
        continue;
      }
      if (!ID.matcher(id).matches() || id.contains("..")) {
        throw DatasetFormatException.mismatch(
            list.toString(), "line " + (n + 1), "an image id such as 2007_000032", id);
      }
      if (!seen.add(id)) {
        throw DatasetFormatException.mismatch(
            list.toString(), "line " + (n + 1), "each id listed once", id + " again");
      }
      SegmentationExample e = example.apply(id);
      for (Path file : List.of(e.image(), e.mask())) {
        if (!Files.isRegularFile(file)) {
          missing++;
          if (firstMissing == null) {
            firstMissing = "line " + (n + 1) + " names " + id + ", but " + file + " does not exist";
          }
        }
      }
      examples.add(e);
    }
    if (firstMissing != null) {
      throw new DatasetFormatException(
          list
              + ": "
              + firstMissing
              + " ("
              + missing
              + " listed file(s) missing of "
              + 2 * examples.size()
              + ")");
    }
    if (examples.isEmpty()) {
      throw new DatasetFormatException(list + ": no image ids listed");
    }
    return List.copyOf(examples);
  }
}
