package org.deltaboost.data.imagenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DatasetFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageNetDevkitTest {
  @TempDir Path tmp;

  /** Grows the file to {@code bytes} without writing them (sparse): nothing to read if refused. */
  private static void growTo(Path file, long bytes) throws IOException {
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(bytes);
    }
  }

  @Test
  void aMetaMatOverTheSizeCapIsRefusedUnread() throws IOException {
    Path data = ImageNetFixtures.devkit(tmp, ImageNetFuzzTest.FIVE_CLASSES, List.of("1"));
    Path meta = data.resolve("meta.mat");
    growTo(meta, (64L << 20) + 1);
    DatasetFormatException e =
        assertThrows(
            DatasetFormatException.class,
            () -> ImageNetDevkit.read(tmp.resolve(ImageNetDevkit.FOLDER)));
    assertEquals(
        meta + ": file size: expected at most 67108864 bytes, found 67108865 bytes",
        e.getMessage());
  }

  @Test
  void aGroundTruthOverTheSizeCapIsRefusedUnread() throws IOException {
    Path data = ImageNetFixtures.devkit(tmp, ImageNetFuzzTest.FIVE_CLASSES, List.of("1"));
    Path truth = data.resolve("ILSVRC2012_validation_ground_truth.txt");
    growTo(truth, 17L << 20);
    ImageNetDevkit devkit = ImageNetDevkit.read(tmp.resolve(ImageNetDevkit.FOLDER));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, devkit::validationWnids);
    assertEquals(
        truth + ": file size: expected at most 16777216 bytes, found 17825792 bytes",
        e.getMessage());
  }
}
