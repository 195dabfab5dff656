package org.deltaboost.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.deltaboost.data.core.DatasetFormatException;
import org.junit.jupiter.api.Test;

class DecodingDatasetTest {
  /**
   * Record i: data (2, 2) = [i, i + 1, i + 2, r] where r is the record's first random draw in [0,
   * 1000); label = i. Record {@code failing} fails as an unreadable file would.
   */
  private static final class CountingDataset extends DecodingDataset {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger attempts = new AtomicInteger();
    private final int size;
    private final Set<Integer> failing;

    CountingDataset(Builder builder) {
      super(builder);
      this.size = builder.size;
      this.failing = builder.failing;
    }

    @Override
    public Shape dataShape() {
      return new Shape(2, 2);
    }

    @Override
    public Shape labelShape() {
      return new Shape();
    }

    @Override
    protected long availableSize() {
      return size;
    }

    @Override
    protected void decode(
        int index,
        SplittableRandom random,
        float[] data,
        int dataOffset,
        float[] label,
        int labelOffset)
        throws DatasetFormatException {
      threads.add(Thread.currentThread().getName());
      attempts.incrementAndGet();
      if (failing.contains(index)) {
        data[dataOffset] = -1; // a partial write the replacement must not leave behind
        throw new DatasetFormatException("image-" + index + ".jpg: unreadable");
      }
      data[dataOffset] = index;
      data[dataOffset + 1] = index + 1;
      data[dataOffset + 2] = index + 2;
      data[dataOffset + 3] = random.nextInt(1000);
      label[labelOffset] = index;
    }

    static final class Builder extends DecodingBuilder<Builder> {
      int size = 10;
      Set<Integer> failing = Set.of();

      @Override
      protected Builder self() {
        return this;
      }

      CountingDataset build() {
        return new CountingDataset(this);
      }
    }
  }

  private static CountingDataset dataset(int workers, long seed, boolean shuffle) {
    CountingDataset.Builder builder = new CountingDataset.Builder();
    return builder.optWorkers(workers).optSeed(seed).setSampling(4, shuffle).build();
  }

  /** Per record index: its random draw in one pass; checks every record's data and label. */
  private static float[] pass(CountingDataset dataset, NDManager manager, ExecutorService executor)
      throws IOException, TranslateException {
    float[] draws = new float[10];
    List<Integer> sizes = new ArrayList<>();
    Iterable<Batch> batches =
        executor == null ? dataset.getData(manager) : dataset.getData(manager, executor);
    for (Batch batch : batches) {
      try (batch) {
        int b = batch.getSize();
        sizes.add(b);
        assertEquals(new Shape(b, 2, 2), batch.getData().singletonOrThrow().getShape());
        assertEquals(new Shape(b), batch.getLabels().singletonOrThrow().getShape());
        float[] data = batch.getData().singletonOrThrow().toFloatArray();
        float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
        for (int j = 0; j < b; j++) {
          int index = (int) labels[j];
          assertArrayEquals(
              new float[] {index, index + 1, index + 2},
              new float[] {data[4 * j], data[4 * j + 1], data[4 * j + 2]});
          draws[index] = data[4 * j + 3];
        }
      }
    }
    assertEquals(List.of(4, 4, 2), sizes);
    return draws;
  }

  @Test
  void batchesAreDecodedOnTheWorkerPool() throws IOException, TranslateException {
    try (CountingDataset dataset = dataset(3, 7, false);
        NDManager manager = NDManager.newBaseManager()) {
      pass(dataset, manager, null);
      assertEquals(3, dataset.workers());
      for (String thread : dataset.threads) {
        assertEquals(true, thread.startsWith("deltaboost-decode-"), thread);
      }
    }
  }

  @Test
  void augmentationDrawsDependOnSeedPassAndIndexOnly() throws IOException, TranslateException {
    ExecutorService prefetch = Executors.newFixedThreadPool(2);
    try (CountingDataset one = dataset(1, 42, false);
        CountingDataset four = dataset(4, 42, true);
        CountingDataset other = dataset(4, 43, false);
        NDManager manager = NDManager.newBaseManager()) {
      float[] firstPass = pass(one, manager, null);
      float[] secondPass = pass(one, manager, null);
      // Same seed, other worker count, shuffled order, prefetching: the same draws per pass.
      assertArrayEquals(firstPass, pass(four, manager, prefetch));
      assertArrayEquals(secondPass, pass(four, manager, prefetch));
      assertNotEquals(java.util.Arrays.toString(firstPass), java.util.Arrays.toString(secondPass));
      assertNotEquals(
          java.util.Arrays.toString(firstPass),
          java.util.Arrays.toString(pass(other, manager, null)));
      // A single record is the first pass's.
      Record record = one.get(manager, 6);
      assertEquals(firstPass[6], record.getData().singletonOrThrow().toFloatArray()[3]);
      assertEquals(new Shape(), record.getLabels().singletonOrThrow().getShape());
    } finally {
      prefetch.shutdownNow();
    }
  }

  @Test
  void aFailingRecordFailsItsBatchNamingTheFile() {
    CountingDataset.Builder builder = new CountingDataset.Builder();
    builder.failing = Set.of(5);
    try (CountingDataset dataset = builder.optWorkers(2).setSampling(4, false).build();
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
      assertEquals("image-5.jpg: unreadable", cause.getMessage());
      assertThrows(DatasetFormatException.class, () -> dataset.get(manager, 5));
      assertEquals(false, dataset.skipsUnreadable());
      assertEquals(0, dataset.skippedRecords().count());
    }
  }

  @Test
  void skippingReplacesAnUnreadableRecordByTheNextReadableOneAndCountsIt()
      throws IOException, TranslateException {
    CountingDataset.Builder builder = new CountingDataset.Builder();
    builder.failing = Set.of(5, 6, 9);
    try (CountingDataset dataset =
            builder.optWorkers(2).optSeed(3).optSkipUnreadable(true).setSampling(4, false).build();
        CountingDataset reference = dataset(1, 3, false);
        NDManager manager = NDManager.newBaseManager()) {
      assertEquals(true, dataset.skipsUnreadable());
      float[] referenceDraws = pass(reference, manager, null);
      for (int run = 0; run < 2; run++) {
        List<Float> labels = new ArrayList<>();
        List<Float> draws = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Batch batch : dataset.getData(manager)) {
          try (batch) {
            sizes.add(batch.getSize());
            float[] data = batch.getData().singletonOrThrow().toFloatArray();
            for (float label : batch.getLabels().singletonOrThrow().toFloatArray()) {
              labels.add(label);
            }
            for (int j = 0; j < batch.getSize(); j++) {
              int index = (int) labels.get(labels.size() - batch.getSize() + j).floatValue();
              assertEquals(index, data[4 * j], "the replacement's own data, no partial write");
              draws.add(data[4 * j + 3]);
            }
          }
        }
        // Fixed batch sizes; slots 5 and 6 get record 7, slot 9 wraps around to record 0.
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(List.of(0f, 1f, 2f, 3f, 4f, 7f, 7f, 7f, 8f, 0f), labels);
        // The replacements keep the slots' draws: slot 5 draws as record 5 would in pass `run`.
        if (run == 0) {
          assertEquals(referenceDraws[5], draws.get(5));
          assertEquals(referenceDraws[9], draws.get(9));
        }
        DecodingDataset.SkippedRecords skipped = dataset.skippedRecords();
        assertEquals(3, skipped.count(), "each unreadable record counted once");
        assertEquals(3, skipped.examples().size());
        assertEquals(
            Set.of("image-5.jpg: unreadable", "image-6.jpg: unreadable", "image-9.jpg: unreadable"),
            Set.copyOf(skipped.examples()));
      }
      // A record known to be unreadable is not tried again: get(6) decodes record 7 only.
      int afterTwoPasses = dataset.attempts.get();
      Record record = dataset.get(manager, 6);
      assertEquals(7f, record.getLabels().singletonOrThrow().getFloat());
      assertEquals(afterTwoPasses + 1, dataset.attempts.get());
    }
  }

  @Test
  void skippingFailsNamingAFileWhenNoRecordDecodes() {
    CountingDataset.Builder builder = new CountingDataset.Builder();
    builder.size = 3;
    builder.failing = Set.of(0, 1, 2);
    try (CountingDataset dataset =
            builder.optWorkers(1).optSkipUnreadable(true).setSampling(3, false).build();
        NDManager manager = NDManager.newBaseManager()) {
      DatasetFormatException e =
          assertThrows(DatasetFormatException.class, () -> dataset.get(manager, 1));
      assertEquals(
          "no record of 3 could be decoded (unreadable records are being skipped); record 1:"
              + " image-1.jpg: unreadable",
          e.getMessage());
      assertEquals(3, dataset.skippedRecords().count());
    }
  }

  @Test
  void rejectsNoWorkers() {
    assertThrows(IllegalArgumentException.class, () -> new CountingDataset.Builder().optWorkers(0));
  }
}
