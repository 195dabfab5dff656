package org.deltaboost.data.image;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Pipeline;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.FloatBatchIterable;

/**
 * A DJL dataset too big for memory: each record is decoded from its files when asked for, on a
 * fixed pool of worker threads, and nothing is cached. Records have fixed shapes ({@link
 * #dataShape()}, {@link #labelShape()}), so a batch is assembled straight into one float array per
 * side; memory is bounded by the batches in flight (one, plus DJL's prefetch number when iterating
 * with an executor) and one decoded image per worker.
 *
 * <p>Random augmentation is reproducible however the work is spread over threads: record {@code i}
 * of pass {@code e} (the {@code e}-th call of {@code getData}, from 0) draws from a {@link
 * SplittableRandom} seeded with {@code seed ⊕ e·φ ⊕ i·ψ} ({@code φ, ψ} fixed odd 64-bit constants).
 * {@link #get(NDManager, long)}, and so DJL's sub-datasets, use pass 0.
 *
 * <p>A record that cannot be decoded fails its batch with a {@link DatasetFormatException} naming
 * the file (DJL's iterator wraps it in an {@code IllegalStateException}); nothing is skipped by
 * default. Only when the user asks ({@link DecodingBuilder#optSkipUnreadable(boolean)}) is an
 * unreadable record skipped, by this rule: the slot of record {@code i} that fails to decode gets
 * record {@code r}, the first of {@code i + 1, i + 2, …} (modulo {@link #availableSize()}) that
 * decodes, with {@code r}'s data and label but slot {@code i}'s augmentation draws, so a batch
 * keeps its fixed size and the same indices give the same batch in every run. Each unreadable file
 * is counted once however often it is met ({@link #skippedRecords()}: the count and the first
 * {@value #SKIPPED_EXAMPLES} messages, each naming its file), is not tried again, and is reported
 * as a {@link System.Logger.Level#WARNING}: the first when it is met, the count when the dataset is
 * closed. When no record decodes the batch fails, naming the first file.
 *
 * <p>With stacking batchifiers (the default), as in {@code ImageClassificationDataset} the
 * pipelines transform whole batches.
 */
public abstract class DecodingDataset extends RandomAccessDataset implements AutoCloseable {
  private static final long PASS_MIX = 0x9E3779B97F4A7C15L;
  private static final long INDEX_MIX = 0xC2B2AE3D27D4EB4FL;
  private static final AtomicLong POOLS = new AtomicLong();
  private static final System.Logger LOG = System.getLogger(DecodingDataset.class.getName());

  /** How many messages of skipped records {@link #skippedRecords()} keeps. */
  public static final int SKIPPED_EXAMPLES = 10;

  private final int workers;
  private final long seed;
  private final boolean skipUnreadable;
  private final Map<Integer, String> unreadable = new ConcurrentHashMap<>();
  private final List<String> unreadableExamples = new ArrayList<>();
  private final AtomicInteger passes = new AtomicInteger();
  private ExecutorService pool;

  /**
   * @param builder sampling options, the worker count and the seed
   */
  protected DecodingDataset(DecodingBuilder<?> builder) {
    super(builder);
    this.workers = builder.workers;
    this.seed = builder.seed;
    this.skipUnreadable = builder.skipUnreadable;
  }

  /**
   * @return the shape of one record's data, e.g. (3, 224, 224)
   */
  public abstract Shape dataShape();

  /**
   * @return the shape of one record's label, e.g. () for a class index
   */
  public abstract Shape labelShape();

  /**
   * Decodes record {@code index} into the given arrays. Called concurrently from the worker
   * threads, so it must only read shared state.
   *
   * @param index the record, in {@code [0, availableSize())}
   * @param random this record's draws for augmentation in this pass
   * @param data where the record's data goes, {@code dataShape().size()} floats
   * @param dataOffset the data's first position
   * @param label where the record's label goes, {@code labelShape().size()} floats
   * @param labelOffset the label's first position
   * @throws DatasetFormatException naming the file when it cannot be decoded
   */
  protected abstract void decode(
      int index,
      SplittableRandom random,
      float[] data,
      int dataOffset,
      float[] label,
      int labelOffset)
      throws DatasetFormatException;

  /**
   * @return the number of decoding threads
   */
  public int workers() {
    return workers;
  }

  /**
   * @return the augmentation seed
   */
  public long seed() {
    return seed;
  }

  /**
   * @return whether unreadable records are skipped (see the class comment) instead of failing
   */
  public boolean skipsUnreadable() {
    return skipUnreadable;
  }

  /**
   * The records skipped so far because they could not be decoded; always empty unless {@link
   * DecodingBuilder#optSkipUnreadable(boolean)} is on.
   *
   * @return how many distinct records were skipped, and the first messages
   */
  public SkippedRecords skippedRecords() {
    synchronized (unreadableExamples) {
      return new SkippedRecords(unreadable.size(), unreadableExamples);
    }
  }

  /**
   * Records skipped because they could not be decoded.
   *
   * @param count distinct records skipped
   * @param examples the first {@value DecodingDataset#SKIPPED_EXAMPLES} failures' messages (at
   *     most), each naming its file, in the order they were met
   */
  public record SkippedRecords(int count, List<String> examples) {
    /** Copies the examples. */
    public SkippedRecords {
      examples = List.copyOf(examples);
    }
  }

  /**
   * Decodes record {@code index} into its slot, or, when skipping is on and it cannot be decoded,
   * the next record that can (see the class comment).
   */
  private void decodeOrReplace(
      int pass, int index, float[] data, int dataOffset, float[] label, int labelOffset)
      throws DatasetFormatException {
    if (!skipUnreadable) {
      decode(index, random(pass, index), data, dataOffset, label, labelOffset);
      return;
    }
    int size = Math.toIntExact(availableSize());
    DatasetFormatException first = null;
    for (int step = 0; step < size; step++) {
      int candidate = (int) ((index + (long) step) % size);
      if (unreadable.containsKey(candidate)) {
        continue;
      }
      try {
        // The slot's draws from their start, whatever a failed attempt consumed.
        decode(candidate, random(pass, index), data, dataOffset, label, labelOffset);
        return;
      } catch (DatasetFormatException e) {
        if (first == null) {
          first = e;
        }
        skip(candidate, e);
        Arrays.fill(data, dataOffset, dataOffset + Math.toIntExact(dataShape().size()), 0f);
        Arrays.fill(label, labelOffset, labelOffset + Math.toIntExact(labelShape().size()), 0f);
      }
    }
    String firstUnreadable =
        unreadable.getOrDefault(index, first == null ? "" : first.getMessage());
    throw new DatasetFormatException(
        "no record of "
            + size
            + " could be decoded (unreadable records are being skipped); record "
            + index
            + ": "
            + firstUnreadable,
        first);
  }

  private void skip(int index, DatasetFormatException e) {
    if (unreadable.putIfAbsent(index, e.getMessage()) != null) {
      return;
    }
    boolean firstSkip;
    synchronized (unreadableExamples) {
      firstSkip = unreadableExamples.isEmpty();
      if (unreadableExamples.size() < SKIPPED_EXAMPLES) {
        unreadableExamples.add(e.getMessage());
      }
    }
    if (firstSkip) {
      LOG.log(
          System.Logger.Level.WARNING,
          "skipping unreadable record "
              + index
              + " (skipping was asked for; each slot gets the next readable record instead;"
              + " further skips are counted, see skippedRecords()): "
              + e.getMessage());
    }
  }

  private SplittableRandom random(int pass, long index) {
    return new SplittableRandom(seed ^ (pass * PASS_MIX) ^ (index * INDEX_MIX));
  }

  @Override
  public Record get(NDManager manager, long index) throws IOException {
    int i = Math.toIntExact(index);
    Shape dataShape = dataShape();
    Shape labelShape = labelShape();
    float[] data = new float[Math.toIntExact(dataShape.size())];
    float[] label = new float[Math.toIntExact(labelShape.size())];
    decodeOrReplace(0, i, data, 0, label, 0);
    return new Record(
        new NDList(manager.create(data, dataShape)), new NDList(manager.create(label, labelShape)));
  }

  /** Nothing to prepare: files are read on demand. */
  @Override
  public void prepare(Progress progress) {}

  @Override
  public Iterable<Batch> getData(
      NDManager manager, Sampler sampler, ExecutorService executorService)
      throws IOException, ai.djl.translate.TranslateException {
    if (dataBatchifier != Batchifier.STACK || labelBatchifier != Batchifier.STACK) {
      return super.getData(manager, sampler, executorService);
    }
    prepare();
    return new DecodedBatches(
        this,
        passes.getAndIncrement(),
        manager,
        sampler,
        dataBatchifier,
        labelBatchifier,
        pipeline,
        targetPipeline,
        executorService,
        prefetchNumber,
        device);
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      long id = POOLS.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      pool =
          Executors.newFixedThreadPool(
              workers,
              task -> {
                Thread thread =
                    new Thread(task, "deltaboost-decode-" + id + "-" + threads.incrementAndGet());
                thread.setDaemon(true); // a dataset never closed must not keep the JVM alive
                return thread;
              });
    }
    return pool;
  }

  /**
   * Stops the worker threads (a later batch starts new ones) and, when records were skipped, logs
   * their count as a warning.
   */
  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
    SkippedRecords skipped = skippedRecords();
    if (skipped.count() > 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          skipped.count()
              + " unreadable record(s) skipped, each replaced by the next readable one; first: "
              + String.join("; ", skipped.examples()));
    }
  }

  /**
   * Decodes the records of one batch in parallel on the worker pool, straight into the batch's
   * arrays: record {@code indices.get(b)} goes to {@code data[b·dataShape().size() …]} and {@code
   * label[b·labelShape().size() …]}, drawing its augmentation from pass {@code pass}'s generator
   * (see the class comment), so a caller that numbers its passes itself (a training loop resuming
   * at epoch {@code e}) gets the same records however often it was started.
   *
   * @param pass the pass the draws belong to
   * @param indices the records, each in {@code [0, size())}
   * @param data at least {@code indices.size() × dataShape().size()} floats
   * @param label at least {@code indices.size() × labelShape().size()} floats
   * @throws DatasetFormatException naming the first record that cannot be decoded; when unreadable
   *     records are skipped ({@link DecodingBuilder#optSkipUnreadable(boolean)}), only when no
   *     record of the dataset decodes
   */
  public void decodeBatch(int pass, List<Long> indices, float[] data, float[] label)
      throws DatasetFormatException {
    int dataSize = Math.toIntExact(dataShape().size());
    int labelSize = Math.toIntExact(labelShape().size());
    ExecutorService executor = pool();
    List<Future<Void>> futures = new ArrayList<>(indices.size());
    for (int b = 0; b < indices.size(); b++) {
      long index = indices.get(b);
      int slot = b;
      futures.add(
          executor.submit(
              () -> {
                decodeOrReplace(
                    pass, Math.toIntExact(index), data, slot * dataSize, label, slot * labelSize);
                return null;
              }));
    }
    DatasetFormatException failure = null;
    for (Future<Void> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof DatasetFormatException formatException
                  ? formatException
                  : new DatasetFormatException("decoding failed: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        futures.forEach(f -> f.cancel(true));
        Thread.currentThread().interrupt();
        throw new DatasetFormatException("interrupted while decoding a batch", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** One pass over the dataset, each batch decoded on the worker pool. */
  private static final class DecodedBatches extends FloatBatchIterable {
    DecodedBatches(
        DecodingDataset dataset,
        int pass,
        NDManager manager,
        Sampler sampler,
        Batchifier dataBatchifier,
        Batchifier labelBatchifier,
        Pipeline pipeline,
        Pipeline targetPipeline,
        ExecutorService executor,
        int preFetchNumber,
        Device device) {
      // The pass travels with each batch's indices: the superclass constructor may already call
      // fetch() (prefetching) on another thread, before any field of this class is set.
      super(
          dataset,
          manager,
          new PassSampler(sampler, pass),
          dataBatchifier,
          labelBatchifier,
          pipeline,
          targetPipeline,
          executor,
          preFetchNumber,
          device);
    }

    @Override
    protected Batch fetch(List<Long> indices, int progress) throws IOException {
      DecodingDataset decoding = (DecodingDataset) dataset;
      int pass = ((PassIndices) indices).pass;
      int batchSize = indices.size();
      Shape dataShape = decoding.dataShape();
      Shape labelShape = decoding.labelShape();
      float[] data = new float[Math.multiplyExact(batchSize, Math.toIntExact(dataShape.size()))];
      float[] label = new float[Math.multiplyExact(batchSize, Math.toIntExact(labelShape.size()))];
      decoding.decodeBatch(pass, indices, data, label);
      return batchOf(indices, progress, data, dataShape, label, labelShape);
    }
  }

  /** A batch's indices, tagged with the pass they belong to. */
  private static final class PassIndices extends AbstractList<Long> {
    final int pass;
    private final List<Long> indices;

    PassIndices(int pass, List<Long> indices) {
      this.pass = pass;
      this.indices = indices;
    }

    @Override
    public Long get(int i) {
      return indices.get(i);
    }

    @Override
    public int size() {
      return indices.size();
    }
  }

  /** Tags every batch of another sampler with a pass number. */
  private static final class PassSampler implements Sampler {
    private final Sampler sampler;
    private final int pass;

    PassSampler(Sampler sampler, int pass) {
      this.sampler = sampler;
      this.pass = pass;
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
      Iterator<List<Long>> batches = sampler.sample(dataset);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return batches.hasNext();
        }

        @Override
        public List<Long> next() {
          return new PassIndices(pass, batches.next());
        }
      };
    }

    @Override
    public int getBatchSize() {
      return sampler.getBatchSize();
    }
  }

  /**
   * Options of every decoding dataset, beside DJL's sampling options.
   *
   * @param <T> the concrete builder
   */
  public abstract static class DecodingBuilder<T extends DecodingBuilder<T>>
      extends BaseBuilder<T> {
    private int workers = Runtime.getRuntime().availableProcessors();
    private long seed;
    private boolean skipUnreadable;

    /** For the builders of concrete datasets. */
    protected DecodingBuilder() {}

    /**
     * @param workers decoding threads, at least 1 (default: the number of processors)
     * @return this builder
     */
    public T optWorkers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers: expected at least 1, found " + workers);
      }
      this.workers = workers;
      return self();
    }

    /**
     * @param seed the augmentation seed (default 0)
     * @return this builder
     */
    public T optSeed(long seed) {
      this.seed = seed;
      return self();
    }

    /**
     * @param skipUnreadable whether a record that cannot be decoded is skipped, replaced by the
     *     next readable record and counted ({@link DecodingDataset#skippedRecords()}), instead of
     *     failing its batch (the default, {@code false}); see the class comment for the rule
     * @return this builder
     */
    public T optSkipUnreadable(boolean skipUnreadable) {
      this.skipUnreadable = skipUnreadable;
      return self();
    }
  }
}
