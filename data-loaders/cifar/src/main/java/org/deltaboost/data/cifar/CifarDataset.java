package org.deltaboost.data.cifar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
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
 *
 * <p>This class describes the two releases and reports their status; finding a release at a place
 * is {@code CifarSource}'s job, reading a split {@code CifarSplitReader}'s (records by {@link
 * CifarBinaryReader}, entries by {@code CifarArchive}), and the class names {@code
 * CifarClassNames}'.
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
  private final int trainRecordsPerFile;
  private final String description;
  private final CifarRelease release;
  private final CifarClassNames names;
  private final CifarSplitReader reader;

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
    this.trainRecordsPerFile = trainRecordsPerFile;
    this.release =
        new CifarRelease(
            archiveName, archiveFolder, trainFiles, testFiles, fineNamesFile, coarseNamesFile);
    this.names = CifarClassNames.fromResources(fineNamesResource, coarseNamesResource);
    this.reader = new CifarSplitReader(datasetName, release, names);
  }

  /**
   * @return CIFAR-10 and CIFAR-100, for {@code deltaboost datasets}
   */
  public static List<DatasetDescriptor> descriptors() {
    return List.of(CIFAR_10, CIFAR_100);
  }

  @Override
  public String description() {
    return description + "; official archive " + release.archiveName();
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
    return release.archiveName();
  }

  /**
   * @param label which label becomes the class
   * @return the class names, indexed by label
   * @throws IllegalArgumentException for {@link CifarLabel#COARSE} on CIFAR-10
   */
  public List<String> classNames(CifarLabel label) {
    checkLabel(label);
    return names.of(label);
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
      Optional<CifarSource> source = CifarSource.find(place, release);
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
            .map(c -> c.checkCommand(release.archiveName()))
            .findFirst()
            .orElse("(no published checksum)");
    return List.of(
        "On a machine with network access download "
            + DOWNLOAD_BASE
            + release.archiveName()
            + " ("
            + officialLayout().archive().size()
            + " bytes; the binary version, not the python or matlab one).",
        "Check it: " + checksum,
        "mkdir -p " + target + " && mv " + release.archiveName() + " " + target + "/",
        "Use it as it is (read without extracting, verified on every load), or extract it there: "
            + "tar xzf "
            + target.resolve(release.archiveName())
            + " -C "
            + target
            + " (makes "
            + target.resolve(release.archiveFolder())
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
        new OfficialDownload(
            URI.create(DOWNLOAD_BASE + release.archiveName()), officialLayout().archive()));
  }

  DatasetStatus status(DataLocator locator, CifarLayout layout) {
    List<Path> searched = locator.candidates(datasetName);
    for (Path place : searched) {
      Optional<CifarSource> found;
      try {
        found = CifarSource.find(place, release);
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
      CifarSource source = found.get();
      try {
        if (source.archive()) {
          return archiveStatus(source, layout, searched, locator);
        }
        int records = checkFolder(source, layout);
        return new DatasetStatus(
            datasetName,
            DatasetStatus.State.UNVERIFIED,
            source.path(),
            "extracted files: all "
                + release.allFiles().size()
                + " data files present, sizes match "
                + records
                + " records; no checksums are published for extracted files (keep "
                + release.archiveName()
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
      CifarSource source, CifarLayout layout, List<Path> searched, DataLocator locator)
      throws IOException {
    Path archive = source.path();
    if (!source.isOfficialArchive(layout)) {
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
  private int checkFolder(CifarSource folder, CifarLayout layout) throws IOException {
    CifarBinaryReader records = reader.recordReader();
    int count = 0;
    for (CifarSplit split : CifarSplit.values()) {
      for (String file : release.files(split)) {
        Path path = folder.requireFile(file);
        records.checkSize(path.toString(), Files.size(path), layout.recordsPerFile(split));
        count += layout.recordsPerFile(split);
      }
    }
    return count;
  }

  CifarLayout officialLayout() {
    return new CifarLayout(
        trainRecordsPerFile, TEST_RECORDS, OfficialArchives.get(release.archiveName()));
  }

  ImageClassificationSet load(Path location, CifarSplit split, CifarLabel label, CifarLayout layout)
      throws IOException {
    checkLabel(label);
    CifarSource source =
        CifarSource.find(location, release)
            .orElseThrow(
                () ->
                    DatasetFormatException.mismatch(
                        location.toString(),
                        datasetName + " location",
                        "the "
                            + String.join(", ", release.allFiles())
                            + " files, a folder "
                            + release.archiveFolder()
                            + "/ of them, or "
                            + release.archiveName(),
                        Files.exists(location) ? "none of these" : "no such file or folder"));
    return reader.read(source, split, label, layout);
  }

  private void checkLabel(CifarLabel label) {
    if (label == CifarLabel.COARSE && !release.hasCoarseLabels()) {
      throw new IllegalArgumentException(
          datasetName + ": label: expected FINE (CIFAR-10 has no coarse label), found COARSE");
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
