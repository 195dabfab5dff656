package org.deltaboost.data.voc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.PlanarImage;

/**
 * Coverage-guided fuzz tests of the VOC and SBD readers: an SBD {@code cls/*.mat} class file and a
 * VOC palette PNG mask (both through {@link SegmentationMasks#read}), and a split list whose ids
 * name files of a small folder. The documented error is {@link DatasetFormatException}; anything
 * else, an {@link OutOfMemoryError} or an input that takes over a second is a finding. {@code
 * ./mvnw verify} replays the committed seeds in {@code
 * src/test/resources/org/deltaboost/data/voc/VocFuzzTestInputs/}, written by {@link VocFuzzSeeds}.
 */
class VocFuzzTest {
  private static final Path DIR = temporaryFolder();

  private static Path temporaryFolder() {
    try {
      Path dir = Files.createTempDirectory("voc-fuzz");
      dir.toFile().deleteOnExit();
      // Ids a and b exist with both files; c has only its image.
      for (String id : List.of("a", "b", "c")) {
        Files.write(dir.resolve(id + ".jpg"), new byte[] {1});
      }
      Files.write(dir.resolve("a.png"), new byte[] {1});
      Files.write(dir.resolve("b.png"), new byte[] {1});
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void sbdClassFile(byte[] input) throws IOException {
    readMask(input, "mask.mat");
  }

  @FuzzTest
  void maskPng(byte[] input) throws IOException {
    readMask(input, "mask.png");
  }

  private static void readMask(byte[] input, String name) throws IOException {
    Path file = DIR.resolve(name);
    Files.write(file, input);
    try {
      PlanarImage mask = SegmentationMasks.read(file);
      if (mask.channels() != 1) {
        throw new AssertionError("1 channel expected, found " + mask.channels());
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    }
  }

  @FuzzTest
  void splitList(byte[] input) throws IOException {
    Path list = DIR.resolve("train.txt");
    Files.write(list, input);
    try {
      List<SegmentationExample> examples =
          SplitListFile.read(
              list,
              id ->
                  new SegmentationExample(id, DIR.resolve(id + ".jpg"), DIR.resolve(id + ".png")));
      for (SegmentationExample e : examples) {
        if (!e.image().getParent().equals(DIR) || !Files.isRegularFile(e.mask())) {
          throw new AssertionError("an example outside the folder or missing: " + e);
        }
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    }
  }
}
