package org.deltaboost.data.cifar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * Reads one split of a release from a {@link CifarSource} into an {@link ImageClassificationSet}:
 * the split's data files in order (each checked for its size before reading, records as {@link
 * CifarBinaryReader} describes), and any names file found beside them, checked against the {@link
 * CifarClassNames} after the data. An archive with the official name is first checked against its
 * published size and checksum; it is read in one pass without extracting.
 */
final class CifarSplitReader {
  private final String datasetName;
  private final CifarRelease release;
  private final CifarClassNames names;

  /**
   * @param datasetName {@code "cifar-10"} or {@code "cifar-100"}, for the set's name
   * @param release the release's files
   * @param names its class names
   */
  CifarSplitReader(String datasetName, CifarRelease release, CifarClassNames names) {
    this.datasetName = datasetName;
    this.release = release;
    this.names = names;
  }

  /** Returns a reader of the release's records (one or two label bytes, the label ranges). */
  CifarBinaryReader recordReader() {
    return new CifarBinaryReader(
        release.hasCoarseLabels() ? 2 : 1, names.fine().size(), names.coarse().size());
  }

  /**
   * @return the split's images, named {@code "cifar-100/train"}, or {@code
   *     "cifar-100-coarse/train"} with the coarse labels
   * @throws DatasetFormatException if a file, an entry or a names file is missing or malformed
   * @throws IOException if a file cannot be read
   */
  ImageClassificationSet read(
      CifarSource source, CifarSplit split, CifarLabel label, CifarLayout layout)
      throws IOException {
    List<String> files = release.files(split);
    int perFile = layout.recordsPerFile(split);
    int total = Math.multiplyExact(perFile, files.size());
    byte[] pixels = new byte[Math.multiplyExact(total, CifarBinaryReader.PIXEL_BYTES)];
    int[] fine = new int[total];
    int[] coarse = release.hasCoarseLabels() ? new int[total] : null;
    CifarBinaryReader reader = recordReader();
    Map<String, NamesFile> namesFiles = new HashMap<>();
    if (source.archive()) {
      if (source.isOfficialArchive(layout)) {
        layout.archive().requireValid(source.path());
      }
      Set<String> wanted = new LinkedHashSet<>(files);
      wanted.addAll(release.namesFiles());
      Set<String> found =
          CifarArchive.read(
              source.path(),
              wanted,
              (fileName, in, size, entry) -> {
                int index = files.indexOf(fileName);
                if (index < 0) {
                  namesFiles.put(
                      fileName, new NamesFile(entry, CifarNamesFile.read(in, entry, size)));
                  return;
                }
                reader.checkSize(entry, size, perFile);
                reader.read(in, entry, perFile, index * perFile, pixels, fine, coarse);
              });
      for (String file : files) {
        if (!found.contains(file)) {
          throw DatasetFormatException.mismatch(
              source.path().toString(),
              "entry " + release.archiveFolder() + "/" + file,
              "an entry of the archive",
              "no such entry");
        }
      }
    } else {
      Path dir = source.path();
      for (int k = 0; k < files.size(); k++) {
        Path path = source.requireFile(files.get(k));
        reader.checkSize(path.toString(), Files.size(path), perFile);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
          reader.read(in, path.toString(), perFile, k * perFile, pixels, fine, coarse);
        }
      }
      for (String namesFile : release.namesFiles()) {
        Path path = dir.resolve(namesFile);
        if (Files.isRegularFile(path)) {
          try (InputStream in = Files.newInputStream(path)) {
            namesFiles.put(
                namesFile,
                new NamesFile(
                    path.toString(), CifarNamesFile.read(in, path.toString(), Files.size(path))));
          }
        }
      }
    }
    for (Map.Entry<String, NamesFile> file : namesFiles.entrySet()) {
      boolean isCoarse = file.getKey().equals(release.coarseNamesFile());
      names.check(
          file.getValue().source(),
          file.getValue().names(),
          isCoarse ? CifarLabel.COARSE : CifarLabel.FINE);
    }
    String name =
        (label == CifarLabel.COARSE ? datasetName + "-coarse" : datasetName) + "/" + split.id();
    return ImageClassificationSet.owning(
        name,
        pixels,
        label == CifarLabel.COARSE ? coarse : fine,
        CifarDataset.CHANNELS,
        CifarDataset.SIDE,
        CifarDataset.SIDE,
        names.of(label));
  }

  /** A names file as read: where from, and its names. */
  private record NamesFile(String source, List<String> names) {}
}
