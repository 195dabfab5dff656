package org.deltaboost.data.cifar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetFile;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.FileVerification;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.OfficialDownload;
import org.deltaboost.data.core.OfficialFiles;

/**
 * CIFAR-10 and CIFAR-100 (Krizhevsky, 2009), binary versions, read exactly as released: 32×32 RGB
 * images as uint8 C×H×W ({@link ImageClassificationSet} with 3 channels), records as described in
 * {@link CifarBinaryReader}.
 *
 * <ul>
 *   <li>CIFAR-10: {@code data_batch_1.bin} … {@code data_batch_5.bin} (10,000 records each, in this
 *       order), {@code test_batch.bin} (10,000), class names in {@code batches.meta.txt}.
 *   <li>CIFAR-100: {@code train.bin} (50,000), {@code test.bin} (10,000), each record a coarse then
 *       a fine label byte; names in {@code fine_label_names.txt} and {@code
 *       coarse_label_names.txt}.
 * </ul>
 *
 * <p>A dataset location is, checked in this order: a folder holding the {@code .bin} files; a
 * folder holding the archive's folder ({@code cifar-10-batches-bin/}, {@code cifar-100-binary/})
 * with them; a folder holding the official archive ({@code cifar-10-binary.tar.gz}, {@code
 * cifar-100-binary.tar.gz}); or a {@code .tar.gz}/{@code .tgz}/{@code .tar} file. Archives are read
 * in one pass without extracting; an archive with the official name is first checked against the
 * published size and MD5 (listed in {@code official-files.txt} beside this class). Class names and
 * their order come from {@code cifar-*-classes.txt} beside this class, copies of the official names
 * files; a names file found with the data must agree with them.
 */
public final class CifarDataset implements DatasetDescriptor {
  /** 60,000 images in 10 classes. */
  public static final CifarDataset CIFAR_10 =
      new CifarDataset(
          "cifar-10",
          "CIFAR-10, binary version (Krizhevsky 2009): 50,000 training and 10,000 test 32×32 colour"
              + " images in 10 classes",
          "cifar-10-binary.tar.gz",
          "cifar-10-batches-bin",
          List.of(
              "data_batch_1.bin",
              "data_batch_2.bin",
              "data_batch_3.bin",
              "data_batch_4.bin",
              "data_batch_5.bin"),
          List.of("test_batch.bin"),
          10_000,
          "batches.meta.txt",
          "cifar-10-classes.txt",
          null,
          null);

  /** 60,000 images in 100 classes grouped into 20 superclasses. */
  public static final CifarDataset CIFAR_100 =
      new CifarDataset(
          "cifar-100",
          "CIFAR-100, binary version (Krizhevsky 2009): 50,000 training and 10,000 test 32×32"
              + " colour images in 100 classes (20 superclasses)",
          "cifar-100-binary.tar.gz",
          "cifar-100-binary",
          List.of("train.bin"),
          List.of("test.bin"),
          50_000,
          "fine_label_names.txt",
          "cifar-100-fine-classes.txt",
          "coarse_label_names.txt",
          "cifar-100-coarse-classes.txt");

  /** Where the official archives are published. */
  public static final String DOWNLOAD_BASE = "https://www.cs.toronto.edu/~kriz/";

  /** Side length of every image. */
  public static final int SIDE = 32;

  /** Channels of every image: red, green, blue. */
  public static final int CHANNELS = 3;

  private static final int TEST_RECORDS = 10_000;

  private final String datasetName;
  private final String description;
  private final String archiveName;
  private final String archiveFolder;
  private final List<String> trainFiles;
  private final List<String> testFiles;
  private final int trainRecordsPerFile;
  private final String fineNamesFile;
  private final List<String> fineNames;
  private final String coarseNamesFile;
  private final List<String> coarseNames;

  private CifarDataset(
      String datasetName,
      String description,
      String archiveName,
      String archiveFolder,
      List<String> trainFiles,
      List<String> testFiles,
      int trainRecordsPerFile,
      String fineNamesFile,
      String fineNamesResource,
      String coarseNamesFile,
      String coarseNamesResource) {
    this.datasetName = datasetName;
    this.description = description;
    this.archiveName = archiveName;
    this.archiveFolder = archiveFolder;
    this.trainFiles = trainFiles;
    this.testFiles = testFiles;
    this.trainRecordsPerFile = trainRecordsPerFile;
    this.fineNamesFile = fineNamesFile;
    this.fineNames = resourceLines(fineNamesResource);
    this.coarseNamesFile = coarseNamesFile;
    this.coarseNames = coarseNamesResource == null ? List.of() : resourceLines(coarseNamesResource);
  }

  /**
   * @return CIFAR-10 and CIFAR-100, for {@code deltaboost datasets}
   */
  public static List<DatasetDescriptor> descriptors() {
    return List.of(CIFAR_10, CIFAR_100);
  }

  @Override
  public String description() {
    return description + "; official archive " + archiveName;
  }

  /**
   * @return the dataset's name and folder name, {@code "cifar-10"} or {@code "cifar-100"}
   */
  @Override
  public String name() {
    return datasetName;
  }

  /**
   * @param name {@code "cifar-10"} or {@code "cifar-100"}
   * @return that dataset, if it is one of these
   */
  public static Optional<CifarDataset> byName(String name) {
    return descriptors().stream()
        .map(CifarDataset.class::cast)
        .filter(d -> d.datasetName.equals(name))
        .findFirst();
  }

  @Override
  public String toString() {
    return datasetName;
  }

  /**
   * @return the official archive's name, e.g. {@code "cifar-10-binary.tar.gz"}
   */
  public String archiveName() {
    return archiveName;
  }

  /**
   * @param label which label becomes the class
   * @return the class names, indexed by label
   * @throws IllegalArgumentException for {@link CifarLabel#COARSE} on CIFAR-10
   */
  public List<String> classNames(CifarLabel label) {
    checkLabel(label);
    return label == CifarLabel.FINE ? fineNames : coarseNames;
  }

  /**
   * Loads one split with the fine labels.
   *
   * @param location a dataset location (see the class comment)
   * @param split which part
   * @return the images, named {@code "cifar-10/train"} etc.
   * @throws DatasetFormatException if no dataset is there, or a file or the archive is malformed
   * @throws IOException if a file cannot be read
   */
  public ImageClassificationSet load(Path location, CifarSplit split) throws IOException {
    return load(location, split, CifarLabel.FINE);
  }

  /**
   * @param location a dataset location (see the class comment)
   * @param split which part
   * @param label which label becomes the class
   * @return the images, named {@code "cifar-100/train"}, or {@code "cifar-100-coarse/train"} with
   *     the coarse labels
   * @throws DatasetFormatException if no dataset is there, or a file or the archive is malformed
   * @throws IOException if a file cannot be read
   */
  public ImageClassificationSet load(Path location, CifarSplit split, CifarLabel label)
      throws IOException {
    return load(location, split, label, officialLayout());
  }

  /**
   * @param locator where to look for the {@code cifar-10} (or {@code cifar-100}) folder
   * @param split which part
   * @return the images with the fine labels
   * @throws DatasetFormatException if not found (listing the places searched and the steps to get
   *     the dataset), or malformed
   * @throws IOException if a file cannot be read
   */
  public ImageClassificationSet load(DataLocator locator, CifarSplit split) throws IOException {
    return load(locate(locator), split, CifarLabel.FINE);
  }

  /**
   * @param locator where to look
   * @param split which part
   * @param label which label becomes the class
   * @return the images
   * @throws DatasetFormatException if not found, or malformed
   * @throws IOException if a file cannot be read
   */
  public ImageClassificationSet load(DataLocator locator, CifarSplit split, CifarLabel label)
      throws IOException {
    return load(locate(locator), split, label);
  }

  /**
   * @param locator where to look
   * @return the first dataset location among the locator's candidates: a folder of {@code .bin}
   *     files or an archive
   * @throws DatasetFormatException listing the places searched and the steps to get the dataset
   */
  public Path locate(DataLocator locator) throws DatasetFormatException {
    for (Path place : locator.candidates(datasetName)) {
      Optional<Source> source = find(place);
      if (source.isPresent()) {
        return source.get().path();
      }
    }
    throw new DatasetFormatException(
        "dataset '"
            + datasetName
            + "' not found\n"
            + DatasetStatus.missing(datasetName, locator.candidates(datasetName), howToGet(locator))
                .report());
  }

  @Override
  public List<String> howToGet(DataLocator locator) {
    Path target = locator.candidates(datasetName).get(0);
    String checksum =
        officialLayout().archive().checksums().stream()
            .map(c -> c.checkCommand(archiveName))
            .findFirst()
            .orElse("(no published checksum)");
    return List.of(
        "On a machine with network access download "
            + DOWNLOAD_BASE
            + archiveName
            + " ("
            + officialLayout().archive().size()
            + " bytes; the binary version, not the python or matlab one).",
        "Check it: " + checksum,
        "mkdir -p " + target + " && mv " + archiveName + " " + target + "/",
        "Use it as it is (read without extracting, verified on every load), or extract it there: "
            + "tar xzf "
            + target.resolve(archiveName)
            + " -C "
            + target
            + " (makes "
            + target.resolve(archiveFolder)
            + "/).",
        "Or put it elsewhere and pass --data-dir DIR (DIR holding "
            + datasetName
            + "/, the archive or the extracted files), or set "
            + DataLocator.ENVIRONMENT_VARIABLE
            + " to a folder holding "
            + datasetName
            + "/.");
  }

  @Override
  public DatasetStatus status(DataLocator locator) {
    return status(locator, officialLayout());
  }

  /**
   * @return the official archive at {@link #DOWNLOAD_BASE}, checked against its published MD5 and
   *     size; it is read as it is, without extracting
   */
  @Override
  public List<OfficialDownload> downloads() {
    return List.of(
        new OfficialDownload(URI.create(DOWNLOAD_BASE + archiveName), officialLayout().archive()));
  }

  DatasetStatus status(DataLocator locator, CifarLayout layout) {
    List<Path> searched = locator.candidates(datasetName);
    for (Path place : searched) {
      Optional<Source> found;
      try {
        found = find(place);
      } catch (DatasetFormatException e) {
        return new DatasetStatus(
            datasetName,
            DatasetStatus.State.INVALID,
            place,
            e.getMessage(),
            searched,
            howToGet(locator));
      }
      if (found.isEmpty()) {
        continue;
      }
      Source source = found.get();
      try {
        if (source.archive()) {
          return archiveStatus(source.path(), layout, searched, locator);
        }
        int records = checkFolder(source.path(), layout);
        return new DatasetStatus(
            datasetName,
            DatasetStatus.State.UNVERIFIED,
            source.path(),
            "extracted files: all "
                + (trainFiles.size() + testFiles.size())
                + " data files present, sizes match "
                + records
                + " records; no checksums are published for extracted files (keep "
                + archiveName
                + " beside them to verify)",
            searched,
            howToGet(locator));
      } catch (IOException | UncheckedIOException e) {
        return new DatasetStatus(
            datasetName,
            DatasetStatus.State.INVALID,
            source.path(),
            e.getMessage(),
            searched,
            howToGet(locator));
      }
    }
    return DatasetStatus.missing(datasetName, searched, howToGet(locator));
  }

  private DatasetStatus archiveStatus(
      Path archive, CifarLayout layout, List<Path> searched, DataLocator locator)
      throws IOException {
    if (!isOfficialName(archive, layout)) {
      return new DatasetStatus(
          datasetName,
          DatasetStatus.State.UNVERIFIED,
          archive,
          "an archive not named "
              + layout.archive().name()
              + ": no published checksum applies; it is read without verification",
          searched,
          howToGet(locator));
    }
    FileVerification verification = layout.archive().verify(archive);
    DatasetStatus.State state =
        switch (verification.outcome()) {
          case VERIFIED -> DatasetStatus.State.VERIFIED;
          case UNCHECKED -> DatasetStatus.State.UNVERIFIED;
          case MISMATCH -> DatasetStatus.State.INVALID;
        };
    String detail =
        state == DatasetStatus.State.INVALID
            ? archive + ": " + verification.detail() + " — download it again"
            : verification.detail();
    return new DatasetStatus(datasetName, state, archive, detail, searched, howToGet(locator));
  }

  /** Checks that every data file of both splits exists with its format size; returns records. */
  private int checkFolder(Path dir, CifarLayout layout) throws IOException {
    CifarBinaryReader reader = reader();
    int records = 0;
    for (CifarSplit split : CifarSplit.values()) {
      for (String file : files(split)) {
        Path path = requireFile(dir, file);
        reader.checkSize(path.toString(), Files.size(path), layout.recordsPerFile(split));
        records += layout.recordsPerFile(split);
      }
    }
    return records;
  }

  CifarLayout officialLayout() {
    return new CifarLayout(trainRecordsPerFile, TEST_RECORDS, OfficialArchives.get(archiveName));
  }

  ImageClassificationSet load(Path location, CifarSplit split, CifarLabel label, CifarLayout layout)
      throws IOException {
    checkLabel(label);
    Source source =
        find(location)
            .orElseThrow(
                () ->
                    DatasetFormatException.mismatch(
                        location.toString(),
                        datasetName + " location",
                        "the "
                            + String.join(", ", allFiles())
                            + " files, a folder "
                            + archiveFolder
                            + "/ of them, or "
                            + archiveName,
                        Files.exists(location) ? "none of these" : "no such file or folder"));
    List<String> files = files(split);
    int perFile = layout.recordsPerFile(split);
    int total = Math.multiplyExact(perFile, files.size());
    byte[] pixels = new byte[Math.multiplyExact(total, CifarBinaryReader.PIXEL_BYTES)];
    int[] fine = new int[total];
    int[] coarse = coarseNamesFile == null ? null : new int[total];
    CifarBinaryReader reader = reader();
    Map<String, NamesFile> namesFiles = new HashMap<>();
    if (source.archive()) {
      if (isOfficialName(source.path(), layout)) {
        layout.archive().requireValid(source.path());
      }
      Set<String> wanted = new LinkedHashSet<>(files);
      wanted.addAll(namesFiles());
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
              "entry " + archiveFolder + "/" + file,
              "an entry of the archive",
              "no such entry");
        }
      }
    } else {
      Path dir = source.path();
      for (int k = 0; k < files.size(); k++) {
        Path path = requireFile(dir, files.get(k));
        reader.checkSize(path.toString(), Files.size(path), perFile);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
          reader.read(in, path.toString(), perFile, k * perFile, pixels, fine, coarse);
        }
      }
      for (String namesFile : namesFiles()) {
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
    for (Map.Entry<String, NamesFile> names : namesFiles.entrySet()) {
      boolean isCoarse = names.getKey().equals(coarseNamesFile);
      checkNames(names.getValue(), isCoarse ? coarseNames : fineNames);
    }
    String name =
        (label == CifarLabel.COARSE ? datasetName + "-coarse" : datasetName) + "/" + split.id();
    return new ImageClassificationSet(
        name,
        pixels,
        label == CifarLabel.COARSE ? coarse : fine,
        CHANNELS,
        SIDE,
        SIDE,
        classNames(label));
  }

  /** A names file as read: where from, and its names. */
  private record NamesFile(String source, List<String> names) {}

  private static void checkNames(NamesFile file, List<String> expected)
      throws DatasetFormatException {
    String source = file.source();
    List<String> found = file.names();
    if (found.size() != expected.size()) {
      throw DatasetFormatException.mismatch(
          source,
          "class names",
          expected.size()
              + " names ("
              + expected.get(0)
              + " … "
              + expected.get(expected.size() - 1)
              + ")",
          found.size() + " names");
    }
    for (int i = 0; i < found.size(); i++) {
      if (!found.get(i).equals(expected.get(i))) {
        throw DatasetFormatException.mismatch(
            source, "class name " + i, expected.get(i), "\"" + found.get(i) + "\"");
      }
    }
  }

  private void checkLabel(CifarLabel label) {
    if (label == CifarLabel.COARSE && coarseNamesFile == null) {
      throw new IllegalArgumentException(
          datasetName + ": label: expected FINE (CIFAR-10 has no coarse label), found COARSE");
    }
  }

  private CifarBinaryReader reader() {
    return new CifarBinaryReader(
        coarseNamesFile == null ? 1 : 2, fineNames.size(), coarseNames.size());
  }

  private List<String> files(CifarSplit split) {
    return split == CifarSplit.TRAIN ? trainFiles : testFiles;
  }

  private List<String> allFiles() {
    List<String> all = new ArrayList<>(trainFiles);
    all.addAll(testFiles);
    return all;
  }

  private List<String> namesFiles() {
    return coarseNamesFile == null
        ? List.of(fineNamesFile)
        : List.of(fineNamesFile, coarseNamesFile);
  }

  private static boolean isOfficialName(Path archive, CifarLayout layout) {
    return archive.getFileName().toString().equals(layout.archive().name());
  }

  private static Path requireFile(Path dir, String file) throws DatasetFormatException {
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw DatasetFormatException.mismatch(
          dir.toString(), file, "a file " + file, Files.exists(path) ? "not a file" : "none");
    }
    return path;
  }

  /** A place that holds the dataset: a folder of {@code .bin} files or an archive. */
  private record Source(Path path, boolean archive) {}

  /**
   * The dataset at one place, or empty when the place holds none of its files; fails for a place
   * holding the archive's name as something other than a readable file (see {@link DatasetFile}).
   */
  private Optional<Source> find(Path place) throws DatasetFormatException {
    if (Files.isRegularFile(place)) {
      String fileName = place.getFileName().toString();
      boolean isArchive =
          fileName.endsWith(".tar.gz") || fileName.endsWith(".tgz") || fileName.endsWith(".tar");
      return isArchive ? Optional.of(new Source(place, true)) : Optional.empty();
    }
    if (!Files.isDirectory(place)) {
      return Optional.empty();
    }
    if (holdsDataFiles(place)) {
      return Optional.of(new Source(place, false));
    }
    Path extracted = place.resolve(archiveFolder);
    if (holdsDataFiles(extracted)) {
      return Optional.of(new Source(extracted, false));
    }
    return DatasetFile.find(place, archiveName).map(archive -> new Source(archive, true));
  }

  private boolean holdsDataFiles(Path dir) {
    return Files.isDirectory(dir)
        && allFiles().stream().anyMatch(file -> Files.exists(dir.resolve(file)));
  }

  private static List<String> resourceLines(String resource) {
    try (InputStream in = CifarDataset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + ": missing from the build");
      }
      return CifarNamesFile.read(in, resource, -1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The official archives' sizes and checksums, read once from {@code official-files.txt}. */
  private static final class OfficialArchives {
    private static final OfficialFiles FILES = read();

    static org.deltaboost.data.core.OfficialFile get(String name) {
      return FILES.get(name);
    }

    private static OfficialFiles read() {
      try {
        return OfficialFiles.read(
            CifarDataset.class.getResourceAsStream("official-files.txt"), "official-files.txt");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
