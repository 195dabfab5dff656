package org.deltaboost.data.voc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.OfficialFile;
import org.deltaboost.data.core.OfficialFiles;

/**
 * PASCAL VOC 2012 and SBD for {@code deltaboost datasets}: where the extracted releases are, a
 * check of their layout (folders present, every split list readable and naming existing files, the
 * official list sizes, the first mask decodable), and the steps to get them.
 *
 * <p>Extracted files have no published checksums, so a good folder is {@code UNVERIFIED}; neither
 * release is ever {@code VERIFIED}. The archives' MD5s shown in the steps (from {@code
 * official-files.txt} beside this class) are torchvision's, as the publishers give none.
 */
public final class VocDescriptors {
  private VocDescriptors() {}

  /**
   * @return VOC 2012 and SBD, for {@code deltaboost datasets}
   */
  public static List<DatasetDescriptor> descriptors() {
    return List.of(voc2012(), sbd());
  }

  /**
   * @return the descriptor of {@value Voc2012#NAME}, expecting the official list sizes (train 1464,
   *     val 1449, trainval 2913)
   */
  public static DatasetDescriptor voc2012() {
    return new Voc2012Descriptor(Voc2012Descriptor.OFFICIAL_COUNTS);
  }

  /**
   * @return the descriptor of {@value Sbd#NAME}, expecting the official list sizes (train 8498, val
   *     2857)
   */
  public static DatasetDescriptor sbd() {
    return new SbdDescriptor(SbdDescriptor.OFFICIAL_COUNTS);
  }

  /** The archive's description in {@code official-files.txt}. */
  static OfficialFile archive(String name) {
    try {
      return OfficialFiles.read(
              VocDescriptors.class.getResourceAsStream("official-files.txt"), "official-files.txt")
          .get(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The step checking a downloaded archive against its MD5. */
  static String checkStep(String archiveName) {
    String commands =
        String.join(
            " && ",
            archive(archiveName).checksums().stream()
                .map(c -> c.checkCommand(archiveName))
                .toList());
    return "Check it: "
        + commands
        + " (the MD5 torchvision checks downloads against; the publishers give none).";
  }

  /** The last step: every place searched, and the options that add places. */
  static String placesStep(DataLocator locator, String name, String what) {
    return "Or put "
        + what
        + " in another of the places searched, first found wins: "
        + String.join(", ", locator.candidates(name).stream().map(Path::toString).toList())
        + "; a folder given with --data-dir DIR (DIR itself or DIR/"
        + name
        + "), $"
        + DataLocator.ENVIRONMENT_VARIABLE
        + "/"
        + name
        + ", ~/.deltaboost/datasets/"
        + name
        + " or "
        + DataLocator.SYSTEM_ROOT.resolve(name)
        + ".";
  }
}
