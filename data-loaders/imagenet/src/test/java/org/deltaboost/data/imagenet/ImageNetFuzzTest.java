package org.deltaboost.data.imagenet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * Coverage-guided fuzz tests of the ImageNet devkit readers: {@code data/meta.mat} (a MAT 5 file)
 * and the validation ground truth (against a valid meta.mat of 5 classes). The documented error is
 * {@link DatasetFormatException}; anything else, an {@link OutOfMemoryError} or an input that takes
 * over a second is a finding. {@code ./mvnw verify} replays the committed seeds in {@code
 * src/test/resources/org/deltaboost/data/imagenet/ImageNetFuzzTestInputs/}, written by {@link
 * ImageNetFuzzSeeds}.
 */
class ImageNetFuzzTest {
  static final Map<Integer, String> FIVE_CLASSES =
      Map.of(1, "n01440764", 2, "n01443537", 3, "n01484850", 4, "n01491361", 5, "n01494475");

  private static final Path FUZZED_META = temporaryDevkit(false);
  private static final Path VALID_META = temporaryDevkit(true);

  private static Path temporaryDevkit(boolean withMeta) {
    try {
      Path root = Files.createTempDirectory("imagenet-fuzz");
      root.toFile().deleteOnExit();
      Path data = ImageNetFixtures.devkit(root, FIVE_CLASSES, List.of("1"));
      if (!withMeta) {
        Files.delete(data.resolve("meta.mat"));
      }
      return root.resolve(ImageNetDevkit.FOLDER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void metaMat(byte[] input) throws IOException {
    Files.write(FUZZED_META.resolve("data").resolve("meta.mat"), input);
    try {
      ImageNetDevkit devkit = ImageNetDevkit.read(FUZZED_META);
      devkit.classWnids();
    } catch (DatasetFormatException expected) {
      // the documented error
    }
  }

  @FuzzTest
  void groundTruth(byte[] input) throws IOException {
    Path data = VALID_META.resolve("data");
    Files.write(data.resolve("ILSVRC2012_validation_ground_truth.txt"), input);
    try {
      List<String> wnids = ImageNetDevkit.read(VALID_META).validationWnids();
      for (String wnid : wnids) {
        if (!FIVE_CLASSES.containsValue(wnid)) {
          throw new AssertionError("a WordNet id not in meta.mat: " + wnid);
        }
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    }
  }
}
