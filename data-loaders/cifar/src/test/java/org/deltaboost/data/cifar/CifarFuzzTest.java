package org.deltaboost.data.cifar;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * Coverage-guided fuzz tests of the CIFAR readers: a tar or tar.gz archive, and a folder of a
 * binary batch and a names file. Both load the test split of a layout of one record per file, so
 * seeds stay small. The documented error is {@link DatasetFormatException}; anything else, an
 * {@link OutOfMemoryError} or an input that takes over a second is a finding. {@code ./mvnw verify}
 * replays the committed seeds in {@code
 * src/test/resources/org/deltaboost/data/cifar/CifarFuzzTestInputs/}.
 */
class CifarFuzzTest {
  private static final CifarLayout ONE_RECORD = CifarFixtures.layout(1, 1, "unused.tar.gz");
  private static final Path DIR = createDirectory();

  private static Path createDirectory() {
    try {
      Path dir = Files.createTempDirectory("cifar-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first byte picks CIFAR-10 or CIFAR-100; the rest is a (gzip) tar archive. */
  @FuzzTest
  void archive(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    CifarDataset dataset = (input[0] & 1) == 0 ? CifarDataset.CIFAR_10 : CifarDataset.CIFAR_100;
    Path archive = DIR.resolve("fuzz.tar.gz");
    Files.write(archive, java.util.Arrays.copyOfRange(input, 1, input.length));
    load(dataset, archive);
  }

  /**
   * The first byte picks CIFAR-10 or CIFAR-100, the next two the length of the binary file; the
   * rest is that binary file, then the names file.
   */
  @FuzzTest
  void folder(FuzzedDataProvider data) throws IOException {
    boolean cifar100 = data.consumeBoolean();
    CifarDataset dataset = cifar100 ? CifarDataset.CIFAR_100 : CifarDataset.CIFAR_10;
    byte[] binary = data.consumeBytes(data.consumeInt(0, 8192));
    byte[] names = data.consumeRemainingAsBytes();
    Path folder = Files.createDirectories(DIR.resolve(cifar100 ? "c100" : "c10"));
    Files.write(folder.resolve(cifar100 ? "test.bin" : "test_batch.bin"), binary);
    Files.write(folder.resolve(cifar100 ? "fine_label_names.txt" : "batches.meta.txt"), names);
    load(dataset, folder);
  }

  private static void load(CifarDataset dataset, Path location) throws IOException {
    try {
      ImageClassificationSet set =
          dataset.load(location, CifarSplit.TEST, CifarLabel.FINE, ONE_RECORD);
      if (set.size() != 1) {
        throw new AssertionError("one record expected, found " + set.size());
      }
    } catch (DatasetFormatException expected) {
      // the documented error
    }
  }
}
