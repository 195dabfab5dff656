package org.deltaboost.data.imagenet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.mat.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * The ILSVRC2012 development kit ({@code ILSVRC2012_devkit_t12}): {@code data/meta.mat}, read with
 * the MAT File Library ({@code us.hebi.matlab.mat:mfl-core}), holds the struct array {@code
 * synsets} whose fields {@code ILSVRC2012_ID} and {@code WNID} map the challenge's class ids to
 * WordNet ids (ids 1..1000 are the classes; higher ids are inner WordNet nodes and are kept in the
 * map too); {@code data/ILSVRC2012_validation_ground_truth.txt} gives the class id of validation
 * image {@code n} ({@code ILSVRC2012_val_%08d.JPEG}) on line {@code n}.
 *
 * <p>Size limits, checked before reading: {@code meta.mat} at most {@value #MAX_META_BYTES} bytes
 * (the released one has 2 MB), the ground truth at most {@value #MAX_GROUND_TRUTH_BYTES} bytes
 * (released: 50,000 short lines, 300 KB). A MAT file that declares more than the JVM's heap holds
 * fails with a one-line error, not an {@link OutOfMemoryError}.
 */
public final class ImageNetDevkit {
  /** The devkit's folder name as released. */
  public static final String FOLDER = "ILSVRC2012_devkit_t12";

  /** The largest {@code meta.mat} read, in bytes. */
  public static final long MAX_META_BYTES = 64L << 20;

  /** The largest validation ground truth file read, in bytes. */
  public static final long MAX_GROUND_TRUTH_BYTES = 16L << 20;

  private final Path root;
  private final Map<Integer, String> wnids;

  private ImageNetDevkit(Path root, Map<Integer, String> wnids) {
    this.root = root;
    this.wnids = Collections.unmodifiableMap(wnids);
  }

  /**
   * @param root the devkit folder (holding {@code data/meta.mat})
   * @return the devkit, {@code meta.mat} read and checked
   * @throws DatasetFormatException naming the file when {@code meta.mat} is missing, corrupt, or
   *     lacks {@code synsets} with its fields, or repeats an id
   */
  public static ImageNetDevkit read(Path root) throws DatasetFormatException {
    Path meta = root.resolve("data").resolve("meta.mat");
    if (!Files.isRegularFile(meta)) {
      throw new DatasetFormatException(meta + ": no such file (the devkit's class list)");
    }
    Map<Integer, String> wnids = new TreeMap<>();
    try (MatFile mat = Mat5File.read(meta, MAX_META_BYTES)) {
      Array synsets = null;
      List<String> names = new ArrayList<>();
      for (MatFile.Entry entry : mat.getEntries()) {
        names.add(entry.getName());
        if ("synsets".equals(entry.getName())) {
          synsets = entry.getValue();
        }
      }
      if (!(synsets instanceof Struct struct)) {
        throw DatasetFormatException.mismatch(
            meta.toString(), "variables", "a struct array named synsets", names);
      }
      for (String field : List.of("ILSVRC2012_ID", "WNID")) {
        if (!struct.getFieldNames().contains(field)) {
          throw DatasetFormatException.mismatch(
              meta.toString(), "synsets." + field, "a field", "fields " + struct.getFieldNames());
        }
      }
      for (int i = 0; i < struct.getNumElements(); i++) {
        Array idValue = struct.get("ILSVRC2012_ID", i);
        Array wnidValue = struct.get("WNID", i);
        if (!(idValue instanceof Matrix id) || id.getNumElements() != 1) {
          throw DatasetFormatException.mismatch(
              meta.toString(),
              "synsets(" + (i + 1) + ").ILSVRC2012_ID",
              "a number",
              idValue.getType());
        }
        if (!(wnidValue instanceof Char wnid)) {
          throw DatasetFormatException.mismatch(
              meta.toString(), "synsets(" + (i + 1) + ").WNID", "a string", wnidValue.getType());
        }
        double number = id.getDouble(0);
        if (number != Math.rint(number) || number < 1) {
          throw DatasetFormatException.mismatch(
              meta.toString(),
              "synsets(" + (i + 1) + ").ILSVRC2012_ID",
              "a positive integer",
              number);
        }
        String previous = wnids.put((int) number, wnid.getString().strip());
        if (previous != null) {
          throw DatasetFormatException.mismatch(
              meta.toString(),
              "synsets(" + (i + 1) + ").ILSVRC2012_ID",
              "a unique id",
              (int) number);
        }
      }
    } catch (DatasetFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DatasetFormatException(
          meta + ": unreadable MAT file (corrupt or truncated): " + e, e);
    } catch (OutOfMemoryError e) {
      throw new DatasetFormatException(
          meta
              + ": MAT file declares more data than the JVM's maximum heap of "
              + Runtime.getRuntime().maxMemory()
              + " bytes holds (corrupt?); if it is intact, raise it, e.g. DELTABOOST_JAVA_OPTS=-Xmx8g");
    }
    return new ImageNetDevkit(root, wnids);
  }

  private static void requireAtMost(Path file, long maxBytes) throws DatasetFormatException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return; // reported by the read that follows
    } catch (IOException e) {
      throw new DatasetFormatException(file + ": cannot be read: " + e, e);
    }
    if (size > maxBytes) {
      throw DatasetFormatException.mismatch(
          file.toString(), "file size", "at most " + maxBytes + " bytes", size + " bytes");
    }
  }

  /**
   * @return the devkit folder
   */
  public Path root() {
    return root;
  }

  /**
   * @return WordNet id by ILSVRC2012 id, ascending ids (unmodifiable)
   */
  public Map<Integer, String> wnidsById() {
    return wnids;
  }

  /**
   * @return the WordNet ids of the classes (ILSVRC2012 ids 1..1000, or as many as the file has)
   */
  public List<String> classWnids() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Integer, String> e : wnids.entrySet()) {
      if (e.getKey() <= 1000) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /**
   * @return the WordNet id of validation image {@code n} at index {@code n − 1}
   * @throws DatasetFormatException naming the file and line for a missing file, a non-number or an
   *     id that is not a class
   */
  public List<String> validationWnids() throws DatasetFormatException {
    Path file = root.resolve("data").resolve("ILSVRC2012_validation_ground_truth.txt");
    List<String> lines;
    requireAtMost(file, MAX_GROUND_TRUTH_BYTES);
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(file + ": no such file (the validation labels)", e);
    } catch (IOException e) {
      throw new DatasetFormatException(file + ": cannot be read: " + e, e);
    }
    List<String> out = new ArrayList<>(lines.size());
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() && n == lines.size() - 1) {
        break;
      }
      String wnid;
      try {
        int id = Integer.parseInt(line);
        wnid = id <= 1000 ? wnids.get(id) : null;
      } catch (NumberFormatException e) {
        wnid = null;
      }
      if (wnid == null) {
        throw DatasetFormatException.mismatch(
            file.toString(),
            "line " + (n + 1),
            "a class id of meta.mat (1..1000)",
            "'" + line + "'");
      }
      out.add(wnid);
    }
    return List.copyOf(out);
  }
}
