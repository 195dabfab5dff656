package org.deltaboost.data.imagenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.DecodingDataset;
import org.deltaboost.data.image.ImageFileReader;
import org.deltaboost.data.image.ImageFileWriter;
import org.deltaboost.data.image.PlanarImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageNetDatasetTest {
  @TempDir Path tmp;

  @Test
  void shorterSideIsResizedKeepingTheAspect() {
    // round(500·256/375) = round(341.33)
    assertArrayEquals(new int[] {256, 341}, ImageNetDataset.resizedSize(375, 500, 256));
    assertArrayEquals(new int[] {6, 4}, ImageNetDataset.resizedSize(9, 6, 4)); // 9·4/6
  }

  @Test
  void evaluationTakesTheCentreCrop() throws IOException {
    // A 4×6 ramp saved as PNG under a .JPEG name (lossless, so exact). Shorter side already 4: no
    // resize. Crop 2: top = round((4 − 2)/2) = 1, left = round((6 − 2)/2) = 2.
    Path file = tmp.resolve("n01440764_1.JPEG");
    ImageFileWriter.writePng(ImageNetFixtures.ramp(4, 6), file);
    try (ImageNetDataset dataset =
            ImageNetDataset.builder(List.of(new LabelledImage(file, 7)))
                .optSizes(4, 2)
                .setSampling(1, false)
                .build();
        NDManager manager = NDManager.newBaseManager()) {
      Record record = dataset.get(manager, 0);
      float[] expected = new float[12];
      int k = 0;
      for (int c = 0; c < 3; c++) {
        for (int y = 1; y < 3; y++) {
          for (int x = 2; x < 4; x++) {
            expected[k++] = (100 * c + 10 * y + x) / 255f;
          }
        }
      }
      assertArrayEquals(expected, record.getData().singletonOrThrow().toFloatArray());
      assertEquals(7f, record.getLabels().singletonOrThrow().getFloat());
    }
  }

  @Test
  void trainingBatchesAreRandomCropsOfTheResizedImage()
      throws IOException, ai.djl.translate.TranslateException {
    Path a = tmp.resolve("a.JPEG");
    Path b = tmp.resolve("b.JPEG");
    ImageNetFixtures.jpeg(a);
    ImageFileWriter.writePng(ImageNetFixtures.ramp(8, 10), b);
    try (ImageNetDataset dataset =
            ImageNetDataset.builder(List.of(new LabelledImage(a, 0), new LabelledImage(b, 1)))
                .optTraining(true)
                .optSizes(8, 5)
                .optWorkers(2)
                .setSampling(2, true)
                .build();
        NDManager manager = NDManager.newBaseManager()) {
      for (int pass = 0; pass < 3; pass++) {
        for (Batch batch : dataset.getData(manager)) {
          try (batch) {
            assertEquals(new Shape(2, 3, 5, 5), batch.getData().singletonOrThrow().getShape());
            float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
            float[] data = batch.getData().singletonOrThrow().toFloatArray();
            for (int j = 0; j < 2; j++) {
              if (labels[j] != 1) {
                continue;
              }
              // Image b is exact: each row of a crop of channel 0 is a run of 5 consecutive
              // columns (10·y + x), rising or, when mirrored, falling.
              float first = data[j * 75] * 255;
              float second = data[j * 75 + 1] * 255;
              assertEquals(1f, Math.abs(Math.round(second) - Math.round(first)));
            }
          }
        }
      }
    }
  }

  @Test
  void dctScalingDecodesALargeJpegAtHalfSizeFirst() throws IOException {
    // 96×128 of gentle gradients to shorter side 40 (40×53), centre 32: a 1/2 decode (48×64)
    // still shrinks. The crop differs slightly from the full-size decode's.
    byte[] samples = new byte[3 * 96 * 128];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 96; y++) {
        for (int x = 0; x < 128; x++) {
          samples[(c * 96 + y) * 128 + x] =
              (byte) (40 * c + y + x / 2 + ((x / 9 + y / 7) % 2) * 30);
        }
      }
    }
    Path file = tmp.resolve("n01440764_2.JPEG");
    ImageFileWriter.writeJpeg(PlanarImage.of(3, 96, 128, samples), file, 0.9f);
    float[] full = centreCrop(file, false);
    float[] scaled = centreCrop(file, true);
    assertEquals(full.length, scaled.length);
    if (!ImageFileReader.jpegDecoder().startsWith("libjpeg-turbo")) {
      assertArrayEquals(full, scaled); // ImageIO decodes at full size only
      return;
    }
    float largest = 0;
    for (int k = 0; k < full.length; k++) {
      largest = Math.max(largest, Math.abs(full[k] - scaled[k]));
    }
    // measured: 5 of 255 on these hard-edged checks
    assertTrue(largest > 0 && largest <= 6 / 255f, "largest difference " + largest * 255);
  }

  private static float[] centreCrop(Path file, boolean dctScaling) throws IOException {
    try (ImageNetDataset dataset =
            ImageNetDataset.builder(List.of(new LabelledImage(file, 0)))
                .optSizes(40, 32)
                .optDctScaling(dctScaling)
                .setSampling(1, false)
                .build();
        NDManager manager = NDManager.newBaseManager()) {
      return dataset.get(manager, 0).getData().singletonOrThrow().toFloatArray();
    }
  }

  @Test
  void anUnreadableImageFailsNamingIt() throws IOException {
    Path file =
        Files.write(
            tmp.resolve("broken.JPEG"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2});
    try (ImageNetDataset dataset =
            ImageNetDataset.builder(List.of(new LabelledImage(file, 0)))
                .setSampling(1, false)
                .build();
        NDManager manager = NDManager.newBaseManager()) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> {
                for (Batch batch : dataset.getData(manager)) {
                  batch.close();
                }
              });
      DatasetFormatException cause = assertInstanceOf(DatasetFormatException.class, e.getCause());
      assertTrue(cause.getMessage().startsWith(file + ": unreadable JPEG"), cause.getMessage());
    }
  }

  /**
   * Good JPEGs 0, 1 and 3 (labels 0, 1, 3), a zero-byte one (2) and one cut inside its scan data
   * (4), which ImageIO alone would decode with a grey bottom.
   */
  private List<LabelledImage> goodAndBrokenImages() throws IOException {
    List<LabelledImage> images = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Path file = tmp.resolve("n0000000" + i + "_" + i + ".JPEG");
      ImageNetFixtures.jpeg(file);
      images.add(new LabelledImage(file, i));
    }
    Files.write(images.get(2).file(), new byte[0]);
    byte[] noise = new byte[3 * 32 * 40];
    new java.util.Random(4).nextBytes(noise);
    ImageFileWriter.writeJpeg(PlanarImage.of(3, 32, 40, noise), images.get(4).file(), 0.9f);
    byte[] whole = Files.readAllBytes(images.get(4).file());
    Files.write(images.get(4).file(), java.util.Arrays.copyOf(whole, whole.length * 3 / 4));
    return images;
  }

  @Test
  void zeroByteAndTruncatedJpegsFailUnlessSkippingWasAskedFor() throws IOException {
    List<LabelledImage> images = goodAndBrokenImages();
    try (ImageNetDataset dataset =
            ImageNetDataset.builder(images).optSizes(8, 8).setSampling(5, false).build();
        NDManager manager = NDManager.newBaseManager()) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> {
                for (Batch batch : dataset.getData(manager)) {
                  batch.close();
                }
              });
      DatasetFormatException cause = assertInstanceOf(DatasetFormatException.class, e.getCause());
      assertEquals(
          images.get(2).file() + ": empty file (0 bytes), expected a JPEG or PNG",
          cause.getMessage());
      DatasetFormatException truncated =
          assertThrows(DatasetFormatException.class, () -> dataset.get(manager, 4));
      assertEquals(
          images.get(4).file()
              + ": unreadable JPEG (corrupt or truncated): Truncated File - Missing EOI marker",
          truncated.getMessage());
    }
  }

  @Test
  void skippingReplacesZeroByteAndTruncatedJpegsAndCountsThem()
      throws IOException, ai.djl.translate.TranslateException {
    List<LabelledImage> images = goodAndBrokenImages();
    try (ImageNetDataset dataset =
            ImageNetDataset.builder(images)
                .optSizes(8, 8)
                .optWorkers(2)
                .optSkipUnreadable(true)
                .setSampling(5, false)
                .build();
        NDManager manager = NDManager.newBaseManager()) {
      for (Batch batch : dataset.getData(manager)) {
        try (batch) {
          assertEquals(new Shape(5, 3, 8, 8), batch.getData().singletonOrThrow().getShape());
          // Slot 2 gets image 3; slot 4 wraps around to image 0.
          assertArrayEquals(
              new float[] {0, 1, 3, 3, 0}, batch.getLabels().singletonOrThrow().toFloatArray());
          float[] data = batch.getData().singletonOrThrow().toFloatArray();
          int record = 3 * 8 * 8;
          assertArrayEquals(
              java.util.Arrays.copyOfRange(data, 3 * record, 4 * record),
              java.util.Arrays.copyOfRange(data, 2 * record, 3 * record));
        }
      }
      DecodingDataset.SkippedRecords skipped = dataset.skippedRecords();
      assertEquals(2, skipped.count());
      assertEquals(2, skipped.examples().size());
      assertTrue(
          skipped.examples().stream().anyMatch(m -> m.startsWith(images.get(2).file() + ": empty")),
          skipped.toString());
      assertTrue(
          skipped.examples().stream()
              .anyMatch(
                  m ->
                      m.startsWith(
                          images.get(4).file()
                              + ": unreadable JPEG (corrupt or truncated): Truncated")),
          skipped.toString());
    }
  }

  @Test
  void rejectsACropLargerThanTheResize() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageNetDataset.builder(List.of()).optSizes(200, 224).setSampling(1, false).build());
  }
}
