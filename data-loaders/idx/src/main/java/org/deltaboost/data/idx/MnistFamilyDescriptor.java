package org.deltaboost.data.idx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deltaboost.data.core.Checksum;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.DatasetStatus.State;
import org.deltaboost.data.core.FileVerification;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.OfficialDownload;
import org.deltaboost.data.core.OfficialFile;
import org.deltaboost.data.core.OfficialFiles;

/**
 * MNIST and Fashion-MNIST for {@code deltaboost datasets}: where the four IDX files are, and
 * whether they are the official release.
 *
 * <p>The first candidate folder of the {@link DataLocator} holding any of the four files is the
 * dataset. It is:
 *
 * <ul>
 *   <li>{@code VERIFIED} when all four are the official {@code .gz} files and each matches its
 *       published MD5 (listed in {@code <name>-official-files.txt} beside this class; Zalando
 *       publishes MD5s for Fashion-MNIST, LeCun's page publishes none for MNIST);
 *   <li>otherwise both splits are parsed: {@code UNVERIFIED} when they hold 60,000 and 10,000 28×28
 *       images with one label in {@code [0, 10)} each (e.g. Debian's {@code dataset-fashion-mnist},
 *       whose recompressed {@code .gz} files have other MD5s), the detail saying why no checksum
 *       applied;
 *   <li>{@code INVALID} when a file is missing, malformed or holds another count;
 *   <li>{@code MISSING} when no candidate folder holds any of the files.
 * </ul>
 *
 * The file a split is read from is the one {@link MnistFamily#load(Path, Split)} reads: the raw
 * file when present, else its {@code .gz}.
 */
public final class MnistFamilyDescriptor implements DatasetDescriptor {
  /** Where Zalando publishes the Fashion-MNIST files. */
  public static final String FASHION_MNIST_DOWNLOAD =
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

  /** Where LeCun, Cortes and Burges publish the MNIST files. */
  public static final String MNIST_DOWNLOAD = "http://yann.lecun.com/exdb/mnist/";

  /** The mirror torchvision downloads MNIST from (the original site often refuses downloads). */
  public static final String MNIST_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";

  private static final int TRAIN_COUNT = 60_000;
  private static final int TEST_COUNT = 10_000;

  private final MnistFamily family;
  private final OfficialFiles official;
  private final int trainCount;
  private final int testCount;

  MnistFamilyDescriptor(MnistFamily family, OfficialFiles official, int trainCount, int testCount) {
    this.family = family;
    this.official = official;
    this.trainCount = trainCount;
    this.testCount = testCount;
  }

  /**
   * @param family MNIST or Fashion-MNIST
   * @return its descriptor, with the official file list shipped in this module
   */
  public static MnistFamilyDescriptor of(MnistFamily family) {
    return new MnistFamilyDescriptor(family, officialFiles(family), TRAIN_COUNT, TEST_COUNT);
  }

  /**
   * @return Fashion-MNIST and MNIST, for {@code deltaboost datasets}
   */
  public static List<DatasetDescriptor> descriptors() {
    return List.of(of(MnistFamily.FASHION_MNIST), of(MnistFamily.MNIST));
  }

  /**
   * @return {@code "fashion-mnist"} or {@code "mnist"}
   */
  @Override
  public String name() {
    return family.datasetName();
  }

  @Override
  public String description() {
    return family == MnistFamily.FASHION_MNIST
        ? "Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, Zalando): 60,000 training and 10,000 test"
            + " 28×28 grey article images in 10 classes; official files "
            + String.join(", ", fileNames())
        : "MNIST (LeCun, Cortes and Burges): 60,000 training and 10,000 test 28×28 grey"
            + " handwritten digits; official files "
            + String.join(", ", fileNames());
  }

  @Override
  public List<String> howToGet(DataLocator locator) {
    Path target = locator.candidates(name()).get(0);
    List<String> steps = new ArrayList<>();
    if (family == MnistFamily.FASHION_MNIST) {
      steps.add(
          "On a machine with network access download "
              + String.join(", ", fileNames())
              + " from "
              + FASHION_MNIST_DOWNLOAD
              + " (or, on Debian/Ubuntu, apt-get install dataset-fashion-mnist: it installs"
              + " recompressed copies in "
              + DataLocator.SYSTEM_ROOT.resolve(name())
              + ", which show as UNVERIFIED).");
    } else {
      steps.add(
          "On a machine with network access download "
              + String.join(", ", fileNames())
              + " from "
              + MNIST_DOWNLOAD
              + " (or the mirror "
              + MNIST_MIRROR
              + ").");
    }
    steps.add(checkStep());
    steps.add(
        "mkdir -p "
            + target
            + " && mv "
            + String.join(" ", fileNames())
            + " "
            + target
            + "/ (keep them compressed: they are read as they are).");
    steps.add(placesStep(locator));
    return List.copyOf(steps);
  }

  private String checkStep() {
    List<String> commands = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    for (String file : fileNames()) {
      OfficialFile description = official.get(file);
      for (Checksum checksum : description.checksums()) {
        commands.add(checksum.checkCommand(file));
      }
      description.knownSize().ifPresent(size -> sizes.add(file + " " + size + " bytes"));
    }
    if (!commands.isEmpty()) {
      return "Check them: " + String.join(" && ", commands);
    }
    return "Check their sizes with stat -c '%n %s' *-ubyte.gz: "
        + String.join(", ", sizes)
        + " (no checksums are published for "
        + name()
        + ").";
  }

  private String placesStep(DataLocator locator) {
    return "Or put the files in another of the places searched, first found wins: "
        + String.join(", ", locator.candidates(name()).stream().map(Path::toString).toList())
        + "; a folder given with --data-dir DIR (DIR itself or DIR/"
        + name()
        + "), $"
        + DataLocator.ENVIRONMENT_VARIABLE
        + "/"
        + name()
        + ", ~/.deltaboost/datasets/"
        + name()
        + " or "
        + DataLocator.SYSTEM_ROOT.resolve(name())
        + ".";
  }

  @Override
  public DatasetStatus status(DataLocator locator) {
    List<Path> searched = locator.candidates(name());
    for (Path place : searched) {
      if (!holdsAnyFile(place)) {
        continue;
      }
      try {
        return check(place, searched, locator);
      } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
        return new DatasetStatus(
            name(), State.INVALID, place, e.getMessage(), searched, howToGet(locator));
      }
    }
    return DatasetStatus.missing(name(), searched, howToGet(locator));
  }

  private DatasetStatus check(Path dir, List<Path> searched, DataLocator locator)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (String base : baseNames()) {
      Optional<Path> file = MnistFamily.findFile(dir, base);
      if (file.isEmpty()) {
        throw DatasetFormatException.mismatch(
            dir.toString(), base, "a file " + base + " or " + base + ".gz", "neither");
      }
      files.add(file.get());
    }
    List<String> verified = new ArrayList<>();
    List<String> notVerified = new ArrayList<>();
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      Optional<OfficialFile> description = official.find(fileName);
      if (description.isEmpty()) {
        notVerified.add(fileName + ": uncompressed, no published checksum");
        continue;
      }
      FileVerification verification = description.get().verify(file);
      if (verification.outcome() == FileVerification.Outcome.VERIFIED) {
        verified.add(verification.detail());
      } else {
        notVerified.add(file + ": " + verification.detail());
      }
    }
    if (notVerified.isEmpty()) {
      return new DatasetStatus(
          name(), State.VERIFIED, dir, String.join("; ", verified), searched, howToGet(locator));
    }
    String content = checkContent(dir);
    return new DatasetStatus(
        name(),
        State.UNVERIFIED,
        dir,
        content + "; not verified: " + explain(notVerified),
        searched,
        howToGet(locator));
  }

  /** Parses both splits; returns what was found, or throws naming the file and field. */
  private String checkContent(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    for (Split split : Split.values()) {
      ImageClassificationSet set = family.load(dir, split);
      int expected = split == Split.TRAIN ? trainCount : testCount;
      if (set.size() != expected) {
        Path images = MnistFamily.findFile(dir, split.imagesFile()).orElseThrow();
        throw DatasetFormatException.mismatch(
            images.toString(),
            "count",
            expected + " images (the official " + name() + " " + split.id() + " set)",
            set.size());
      }
      found.add(set.size() + " " + split.id());
    }
    return "files parse: "
        + String.join(" and ", found)
        + " images of "
        + MnistFamily.ROWS
        + "×"
        + MnistFamily.COLS
        + ", one label in 0.."
        + (family.classNames().size() - 1)
        + " each";
  }

  /**
   * @return for Fashion-MNIST its four official {@code .gz} files at {@link
   *     #FASHION_MNIST_DOWNLOAD}, each checked against its published MD5; for MNIST none, as no
   *     checksum is published for it
   */
  @Override
  public List<OfficialDownload> downloads() {
    if (family != MnistFamily.FASHION_MNIST) {
      return List.of();
    }
    return fileNames().stream()
        .map(
            file ->
                new OfficialDownload(URI.create(FASHION_MNIST_DOWNLOAD + file), official.get(file)))
        .toList();
  }

  private String explain(List<String> notVerified) {
    String first = notVerified.get(0);
    String rest = notVerified.size() > 1 ? " (and " + (notVerified.size() - 1) + " more)" : "";
    boolean published = official.get(fileNames().get(0)).checksums().size() > 0;
    String why =
        published
            ? " — the published MD5s are those of the official .gz files; a decompressed or"
                + " recompressed copy (such as Debian's dataset-fashion-mnist package) differs, so"
                + " the content was checked instead"
            : " — no checksums are published for " + name() + "; the content was checked instead";
    return first + rest + why;
  }

  private boolean holdsAnyFile(Path place) {
    if (!Files.isDirectory(place)) {
      return false;
    }
    for (String base : baseNames()) {
      if (MnistFamily.findFile(place, base).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> baseNames() {
    List<String> names = new ArrayList<>();
    for (Split split : Split.values()) {
      names.add(split.imagesFile());
      names.add(split.labelsFile());
    }
    return names;
  }

  private static List<String> fileNames() {
    return baseNames().stream().map(base -> base + ".gz").toList();
  }

  private static OfficialFiles officialFiles(MnistFamily family) {
    String resource = family.datasetName() + "-official-files.txt";
    try {
      return OfficialFiles.read(
          MnistFamilyDescriptor.class.getResourceAsStream(resource), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
