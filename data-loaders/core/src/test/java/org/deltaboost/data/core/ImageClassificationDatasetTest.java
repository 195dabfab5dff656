package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImageClassificationDatasetTest {
  private static final int N = 10;

  /** Ten 2×2×3 images; pixel k of image i is 20·i + k; image i has label i mod 3. */
  private static ImageClassificationSet tenImages() {
    byte[] pixels = new byte[N * 12];
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 3;
      for (int k = 0; k < 12; k++) {
        pixels[i * 12 + k] = (byte) (20 * i + k);
      }
    }
    return new ImageClassificationSet("ten", pixels, labels, 2, 2, 3, List.of("a", "b", "c"));
  }

  private static float[] expectedImage(int i) {
    float[] image = new float[12];
    for (int k = 0; k < 12; k++) {
      image[k] = (20 * i + k) / 255f;
    }
    return image;
  }

  @Test
  void aRecordIsOneScaledChwImageAndAScalarLabel() {
    ImageClassificationDataset dataset =
        ImageClassificationDataset.builder(tenImages()).setSampling(4, false).build();
    assertEquals(N, dataset.size());
    try (NDManager manager = NDManager.newBaseManager()) {
      Record record = dataset.get(manager, 7);
      NDArray data = record.getData().singletonOrThrow();
      NDArray label = record.getLabels().singletonOrThrow();
      assertEquals(new Shape(2, 2, 3), data.getShape());
      assertEquals(DataType.FLOAT32, data.getDataType());
      assertArrayEquals(expectedImage(7), data.toFloatArray());
      assertEquals(new Shape(), label.getShape());
      assertEquals(DataType.FLOAT32, label.getDataType());
      assertEquals(1f, label.getFloat());
    }
  }

  @Test
  void sequentialBatchesStackInOrderWithAShortLastBatch() throws IOException, TranslateException {
    ImageClassificationDataset dataset =
        ImageClassificationDataset.builder(tenImages()).setSampling(4, false).build();
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Integer> sizes = new ArrayList<>();
      int next = 0;
      for (Batch batch : dataset.getData(manager)) {
        try (batch) {
          NDArray data = batch.getData().singletonOrThrow();
          NDArray labels = batch.getLabels().singletonOrThrow();
          int b = batch.getSize();
          sizes.add(b);
          assertEquals(new Shape(b, 2, 2, 3), data.getShape());
          assertEquals(new Shape(b), labels.getShape());
          float[] values = data.toFloatArray();
          float[] labelValues = labels.toFloatArray();
          for (int j = 0; j < b; j++, next++) {
            float[] image = new float[12];
            System.arraycopy(values, j * 12, image, 0, 12);
            assertArrayEquals(expectedImage(next), image);
            assertEquals(next % 3, labelValues[j]);
          }
        }
      }
      assertEquals(List.of(4, 4, 2), sizes);
    }
  }

  @Test
  void randomBatchesVisitEveryImageOnceWithItsLabel() throws IOException, TranslateException {
    ImageClassificationDataset dataset =
        ImageClassificationDataset.builder(tenImages()).setSampling(3, true).build();
    assertVisitsEveryImageOnce(dataset, null);
  }

  @Test
  void prefetchingOnAnExecutorGivesTheSameImages() throws IOException, TranslateException {
    ImageClassificationDataset dataset =
        ImageClassificationDataset.builder(tenImages())
            .setSampling(3, true)
            .optPrefetchNumber(2)
            .build();
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      assertVisitsEveryImageOnce(dataset, executor);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void otherBatchifiersUseTheRecordPath() throws IOException, TranslateException {
    // Batchifier.STACK is a shared instance; a different one must not take the whole-batch path.
    Batchifier stack = new ai.djl.translate.StackBatchifier();
    ImageClassificationDataset dataset =
        ImageClassificationDataset.builder(tenImages())
            .setSampling(5, false)
            .optDataBatchifier(stack)
            .build();
    try (NDManager manager = NDManager.newBaseManager()) {
      Batch first = dataset.getData(manager).iterator().next();
      try (first) {
        assertEquals(new Shape(5, 2, 2, 3), first.getData().singletonOrThrow().getShape());
        assertArrayEquals(
            new float[] {0, 1, 2, 0, 1}, first.getLabels().singletonOrThrow().toFloatArray());
      }
    }
  }

  @Test
  void aRandomSplitServesRecordsOfTheUnderlyingSet() throws IOException, TranslateException {
    ImageClassificationDataset dataset =
        ImageClassificationDataset.builder(tenImages()).setSampling(2, false).build();
    RandomAccessDataset[] parts = dataset.randomSplit(7, 3);
    assertEquals(7, parts[0].size());
    assertEquals(3, parts[1].size());
    try (NDManager manager = NDManager.newBaseManager()) {
      Record record = parts[1].get(manager, 0);
      int label = (int) record.getLabels().singletonOrThrow().getFloat();
      float[] image = record.getData().singletonOrThrow().toFloatArray();
      int index = Math.round(image[0] * 255f / 20f);
      assertEquals(index % 3, label);
      assertArrayEquals(expectedImage(index), image);
    }
  }

  private static void assertVisitsEveryImageOnce(
      ImageClassificationDataset dataset, ExecutorService executor)
      throws IOException, TranslateException {
    List<Integer> seen = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      Iterable<Batch> batches =
          executor == null ? dataset.getData(manager) : dataset.getData(manager, executor);
      for (Batch batch : batches) {
        try (batch) {
          NDList data = batch.getData();
          float[] values = data.singletonOrThrow().toFloatArray();
          float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
          for (int j = 0; j < batch.getSize(); j++) {
            int index = Math.round(values[j * 12] * 255f / 20f);
            assertEquals(index % 3, labels[j]);
            seen.add(index);
          }
        }
      }
    }
    seen.sort(null);
    assertEquals(IntStream.range(0, N).boxed().toList(), seen);
  }
}
