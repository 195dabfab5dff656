package org.deltaboost.data.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.ImageFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocSegmentationDatasetTest {
  private static final List<String> TRAIN = List.of("2007_000032", "2007_000039", "2007_000063");
  private static final List<String> VAL = List.of("2007_000033");

  @TempDir Path tmp;

  @Test
  void evaluationRecordsArePaddedImagesAndMasks() throws IOException, TranslateException {
    VocFixtures.voc(tmp, TRAIN, VAL);
    List<SegmentationExample> train = Voc2012.at(tmp).split("train");
    try (VocSegmentationDataset dataset =
            VocSegmentationDataset.builder(train)
                .optEvaluationSize(8)
                .optWorkers(2)
                .setSampling(2, false)
                .build();
        NDManager manager = NDManager.newBaseManager()) {
      int next = 0;
      for (Batch batch : dataset.getData(manager)) {
        try (batch) {
          int b = batch.getSize();
          assertEquals(new Shape(b, 3, 8, 8), batch.getData().singletonOrThrow().getShape());
          assertEquals(new Shape(b, 8, 8), batch.getLabels().singletonOrThrow().getShape());
          float[] data = batch.getData().singletonOrThrow().toFloatArray();
          float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
          for (int j = 0; j < b; j++, next++) {
            String id = TRAIN.get(next);
            int[] colour = VocFixtures.colour(id);
            for (int y = 0; y < 8; y++) {
              for (int x = 0; x < 8; x++) {
                boolean inside = y < VocFixtures.HEIGHT && x < VocFixtures.WIDTH;
                int expectedLabel = !inside || y == 0 ? 255 : VocFixtures.classOf(id);
                assertEquals(expectedLabel, labels[j * 64 + y * 8 + x], id + " at " + y + "," + x);
                for (int c = 0; c < 3; c++) {
                  float expected = (inside ? colour[c] : JointAugmentation.IMAGE_FILL[c]) / 255f;
                  float found = data[j * 192 + c * 64 + y * 8 + x];
                  assertEquals(expected, found, 3 / 255f, id + " channel " + c); // JPEG rounding
                }
              }
            }
          }
        }
      }
      assertEquals(3, next);
    }
  }

  @Test
  void trainingRecordsAreAugmentedCropsOfAugmentedTrain() throws IOException, TranslateException {
    VocFixtures.voc(tmp, TRAIN, VAL);
    VocFixtures.sbd(tmp, List.of("2008_000002", "2007_000033"), List.of("2008_000003"));
    List<SegmentationExample> examples =
        SegmentationSplits.augmentedTrain(Voc2012.at(tmp), Sbd.at(tmp));
    assertEquals(5, examples.size()); // 3 VOC train + 2 SBD, VOC val 2007_000033 excluded
    try (VocSegmentationDataset dataset =
            VocSegmentationDataset.builder(examples)
                .optAugmentation(new JointAugmentation(4, 0.5, 1.5, true))
                .optSeed(3)
                .setSampling(5, true)
                .build();
        NDManager manager = NDManager.newBaseManager()) {
      assertTrue(dataset.isTraining());
      for (Batch batch : dataset.getData(manager)) {
        try (batch) {
          assertEquals(new Shape(5, 3, 4, 4), batch.getData().singletonOrThrow().getShape());
          for (float label : batch.getLabels().singletonOrThrow().toFloatArray()) {
            assertTrue(VocClasses.isValid((int) label) && label == (int) label, "label " + label);
          }
        }
      }
    }
  }

  private DatasetFormatException batchFailure(VocSegmentationDataset dataset) {
    try (NDManager manager = NDManager.newBaseManager()) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> {
                for (Batch batch : dataset.getData(manager)) {
                  batch.close();
                }
              });
      return assertInstanceOf(DatasetFormatException.class, e.getCause());
    }
  }

  @Test
  void aMaskOfAnotherSizeFailsNamingBothFiles() throws IOException {
    Path voc = VocFixtures.voc(tmp, TRAIN, VAL);
    Path mask = voc.resolve("SegmentationClass/2007_000039.png");
    ImageFileWriter.writeIndexedPng(
        VocFixtures.mask("2007_000039", 4, 6), mask, VocClasses.palette());
    try (VocSegmentationDataset dataset =
        VocSegmentationDataset.builder(Voc2012.at(tmp).split("train"))
            .setSampling(3, false)
            .build()) {
      assertEquals(
          mask
              + ": size: expected the size of "
              + voc.resolve("JPEGImages/2007_000039.jpg")
              + ", 6×5, found 6×4",
          batchFailure(dataset).getMessage());
    }
  }

  @Test
  void aZeroByteImageFailsNamingIt() throws IOException {
    Path voc = VocFixtures.voc(tmp, TRAIN, VAL);
    Path image = voc.resolve("JPEGImages/2007_000063.jpg");
    Files.write(image, new byte[0]);
    try (VocSegmentationDataset dataset =
        VocSegmentationDataset.builder(Voc2012.at(tmp).split("train"))
            .setSampling(3, false)
            .build()) {
      assertEquals(
          image + ": empty file (0 bytes), expected a JPEG or PNG",
          batchFailure(dataset).getMessage());
    }
  }

  @Test
  void anImageLargerThanTheEvaluationSizeIsNamed() throws IOException {
    VocFixtures.voc(tmp, TRAIN, VAL);
    try (VocSegmentationDataset dataset =
            VocSegmentationDataset.builder(Voc2012.at(tmp).split("val"))
                .optEvaluationSize(4)
                .setSampling(1, false)
                .build();
        NDManager manager = NDManager.newBaseManager()) {
      DatasetFormatException e =
          assertThrows(DatasetFormatException.class, () -> dataset.get(manager, 0));
      assertTrue(
          e.getMessage()
              .endsWith("size: expected at most the evaluation size 4×4 (raise it), found 6×5"));
    }
  }
}
