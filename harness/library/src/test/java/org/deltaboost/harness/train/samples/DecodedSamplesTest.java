package org.deltaboost.harness.train.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.fixtures.OfficialLayouts;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.config.DataSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedSamplesTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private static final int[] ORDER = {4, 0, 6, 2, 7, 1, 5, 3};

  private static float[][] serve(SampleSet set, int from, int n, int pass) throws IOException {
    return serve(set, ORDER, from, n, pass);
  }

  private static float[][] serve(SampleSet set, int[] order, int from, int n, int pass)
      throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList b = set.batch(manager, order, from, n, pass);
      return new float[][] {b.get(0).toFloatArray(), b.get(1).toFloatArray()};
    }
  }

  private static TrainingData voc(Path dir) throws IOException {
    return voc(dir, false);
  }

  private static TrainingData voc(Path dir, boolean skipUnreadable) throws IOException {
    OfficialLayouts.voc(dir, 8, 2, 36, 40);
    return DatasetCatalog.load(
        DatasetCatalog.VOC, dir, new DataSettings(true, 0, 32, 40, 0, 2, skipUnreadable, false), 3);
  }

  @Test
  void aDecodedClassificationBatchGivesItsClassesInJava(@TempDir Path dir) throws IOException {
    OfficialLayouts.imagenet(dir, 3, 2, 1, 40, 44);
    TrainingData data =
        DatasetCatalog.load(
            DatasetCatalog.IMAGENET,
            dir,
            new DataSettings(false, 36, 32, 32, 0, 2, false, false),
            3);
    int[] order = {5, 0, 3, 1};
    try (SampleSet train = data.train();
        NDManager manager = NDManager.newBaseManager()) {
      NDList batch = train.batch(manager, order, 0, 4, 1);
      ClassBatch classes = train.classBatch(manager, order, 0, 4, 1);
      assertArrayEquals(batch.get(0).toFloatArray(), classes.images().toFloatArray());
      float[] labels = batch.get(1).toFloatArray();
      for (int i = 0; i < 4; i++) {
        assertEquals(labels[i], classes.classes()[i], "image " + i);
      }
    }
  }

  @Test
  void segmentationSetsHaveNoClassBatches(@TempDir Path dir) throws IOException {
    try (SampleSet train = voc(dir).train();
        NDManager manager = NDManager.newBaseManager()) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> train.classBatch(manager, ORDER, 0, 2, 1));
      assertTrue(e.getMessage().contains("masks"), e.getMessage());
    }
  }

  @Test
  void batchesDecodedAheadEqualBatchesDecodedOnDemand(@TempDir Path dir) throws IOException {
    TrainingData data = voc(dir);
    try (SampleSet ahead = data.train()) {
      // in order: every batch after the first was decoded while the previous one was in use
      float[][][] inOrder = {serve(ahead, 0, 3, 5), serve(ahead, 3, 3, 5), serve(ahead, 6, 2, 5)};
      // backwards: no batch is the one decoded ahead
      float[][][] backwards = {null, null, serve(ahead, 6, 2, 5)};
      backwards[1] = serve(ahead, 3, 3, 5);
      backwards[0] = serve(ahead, 0, 3, 5);
      for (int b = 0; b < 3; b++) {
        assertArrayEquals(inOrder[b][0], backwards[b][0], "images of batch " + b);
        assertArrayEquals(inOrder[b][1], backwards[b][1], "masks of batch " + b);
      }
      assertEquals(2 * 32 * 32, inOrder[2][1].length);
    }
  }

  @Test
  void theEvaluationViewPadsWholeImagesAndNormalizes(@TempDir Path dir) throws IOException {
    TrainingData data = voc(dir);
    try (SampleSet test = data.test()) {
      float[][] b = serve(test, new int[] {0, 1}, 0, 2, 0);
      assertEquals(2 * 3 * 40 * 40, b[0].length);
      // padded rows (36..39) hold ImageNet's mean colour: zero after normalization, and void labels
      int plane = 40 * 40;
      for (int x = 0; x < 40; x++) {
        assertEquals(SampleSet.IGNORED, b[1][39 * 40 + x]);
        for (int c = 0; c < 3; c++) {
          assertEquals(0, b[0][c * plane + 39 * 40 + x], 0.02, "padding of channel " + c);
        }
      }
    }
  }

  @Test
  void anUnreadableImageFailsItsBatchNamingTheFile(@TempDir Path dir) throws IOException {
    TrainingData data = voc(dir);
    Path broken = dir.resolve("VOCdevkit/VOC2012/JPEGImages/2007_000003.jpg");
    Files.write(broken, new byte[0]);
    try (SampleSet train = data.train()) {
      IOException e = assertThrows(IOException.class, () -> serve(train, 0, 8, 1));
      assertTrue(e.getMessage().contains("2007_000003.jpg"), e.getMessage());
    }
  }

  @Test
  void whenAskedAnUnreadableImageIsReplacedAndCounted(@TempDir Path dir) throws IOException {
    TrainingData data = voc(dir, true);
    Files.write(dir.resolve("VOCdevkit/VOC2012/JPEGImages/2007_000003.jpg"), new byte[0]);
    try (SampleSet train = data.train()) {
      float[][] b = serve(train, 0, 8, 1);
      assertEquals(8 * 3 * 32 * 32, b[0].length);
      assertEquals(1, train.skippedUnreadable());
    }
  }

  @Test
  void splitsAreSeededSubsetsOfTheRecords(@TempDir Path dir) throws IOException {
    TrainingData data = voc(dir);
    List<SampleSet> parts = data.train().split(0.25, 9);
    assertEquals(2, parts.get(0).size());
    assertEquals(6, parts.get(1).size());
    assertEquals(
        List.of(2, 6),
        List.of(
            data.train().split(0.25, 9).get(0).size(), data.train().split(0.25, 9).get(1).size()));
    assertEquals(new ai.djl.ndarray.types.Shape(40, 40), parts.get(0).forEvaluation().labelShape());
  }
}
