package org.deltaboost.harness.train.samples;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.data.core.RandomSplit;
import org.deltaboost.data.image.DecodingDataset;

/**
 * A set decoded from image files batch by batch ({@link DecodingDataset}: ImageNet, VOC) as a
 * {@link SampleSet}: nothing is cached, memory is one batch plus one image per decoding thread. The
 * dataset serves {@code pixel / 255}; this class then applies the normalization's mean and
 * deviation. Augmentation is the dataset's own, drawn per (dataset seed, pass, sample), so a batch
 * depends only on its samples and the epoch.
 *
 * <p>While the caller trains on a batch, the next one is decoded in the background: after serving
 * {@code order[from … from+n−1]} of pass {@code p}, the set starts decoding {@code order[from+n …
 * from+2n−1]} of the same pass into a second buffer, and serves it when that is what is asked for
 * next (any other request waits for it, then decodes as asked). A batch's content never depends on
 * whether it was prefetched.
 */
public final class DecodedSamples implements SampleSet {

  private final String name;
  private final DecodingDataset dataset;
  private final DecodingDataset evaluation;
  private final List<String> classNames;
  private final InputNormalization normalization;
  private final int[] indices;
  private Buffers current = new Buffers();
  private Buffers spare = new Buffers();
  private Prefetch prefetch;
  private java.util.concurrent.ExecutorService prefetcher;

  /** One batch's decoded arrays. */
  private static final class Buffers {
    float[] data = new float[0];
    float[] labels = new float[0];

    void ensure(int images, int labelValues) {
      if (data.length < images) {
        data = new float[images];
      }
      if (labels.length < labelValues) {
        labels = new float[labelValues];
      }
    }
  }

  /** A batch being decoded ahead: what it holds, and its completion. */
  private record Prefetch(
      int[] order, int from, int n, int pass, java.util.concurrent.Future<Void> done) {}

  /**
   * Serves every record of a dataset.
   *
   * @param name the set's name for messages
   * @param dataset the records as trained on (augmented) or evaluated
   * @param evaluation the same records without augmentation ({@code dataset} itself for an
   *     evaluation set)
   * @param classNames class names, index = label
   * @param normalization how pixels became inputs ({@code pixelScale} 1/255)
   */
  public DecodedSamples(
      String name,
      DecodingDataset dataset,
      DecodingDataset evaluation,
      List<String> classNames,
      InputNormalization normalization) {
    this(name, dataset, evaluation, classNames, normalization, null);
    if (dataset.size() != evaluation.size()) {
      throw new IllegalArgumentException(
          name
              + ": training and evaluation views differ in size: "
              + dataset.size()
              + " vs "
              + evaluation.size());
    }
  }

  private DecodedSamples(
      String name,
      DecodingDataset dataset,
      DecodingDataset evaluation,
      List<String> classNames,
      InputNormalization normalization,
      int[] indices) {
    if (Math.abs(normalization.pixelScale() * 255 - 1) > 1e-12) {
      throw new IllegalArgumentException(
          "decoded sets scale pixels by 1/255, got pixelScale " + normalization.pixelScale());
    }
    this.name = name;
    this.dataset = dataset;
    this.evaluation = evaluation;
    this.classNames = List.copyOf(classNames);
    this.normalization = normalization;
    this.indices = indices;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return indices != null ? indices.length : Math.toIntExact(dataset.size());
  }

  @Override
  public Shape imageShape() {
    return dataset.dataShape();
  }

  @Override
  public Shape labelShape() {
    return dataset.labelShape();
  }

  @Override
  public int numClasses() {
    return classNames.size();
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public InputNormalization normalization() {
    return normalization;
  }

  @Override
  public NDList batch(NDManager manager, int[] order, int from, int n, int pass)
      throws IOException {
    Shape imageShape = dataset.dataShape();
    Shape labelShape = dataset.labelShape();
    int imageSize = Math.toIntExact(imageShape.size());
    int labelSize = Math.toIntExact(labelShape.size());
    if (!takePrefetched(order, from, n, pass)) {
      current.ensure(Math.multiplyExact(n, imageSize), Math.multiplyExact(n, labelSize));
      decode(current, order, from, n, pass);
    }
    NDList batch =
        new NDList(
            manager.create(
                FloatBuffer.wrap(current.data, 0, n * imageSize), new Shape(n).addAll(imageShape)),
            manager.create(
                FloatBuffer.wrap(current.labels, 0, n * labelSize),
                new Shape(n).addAll(labelShape)));
    int next = from + n;
    if (next < order.length) {
      startPrefetch(order, next, Math.min(n, order.length - next), pass, imageSize, labelSize);
    }
    return batch;
  }

  private void decode(Buffers into, int[] order, int from, int n, int pass) throws IOException {
    List<Long> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int sample = order[from + i];
      records.add((long) (indices != null ? indices[sample] : sample));
    }
    dataset.decodeBatch(pass, records, into.data, into.labels);
    int channels = Math.toIntExact(dataset.dataShape().get(0));
    int imageSize = Math.toIntExact(dataset.dataShape().size());
    normalization.standardize(into.data, n, channels, imageSize / channels);
  }

  /**
   * Waits for the batch decoded ahead; swaps it in and returns true when it is the one asked for.
   */
  private boolean takePrefetched(int[] order, int from, int n, int pass) throws IOException {
    Prefetch pending = prefetch;
    if (pending == null) {
      return false;
    }
    prefetch = null;
    try {
      pending.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(name + ": interrupted while decoding ahead", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (pending.order() == order
          && pending.from() == from
          && pending.n() == n
          && pending.pass() == pass) {
        throw e.getCause() instanceof IOException io
            ? io
            : new IOException(name + ": " + e.getCause(), e.getCause());
      }
      return false; // a batch nobody asked for failed: the request decodes (and reports) its own
    }
    if (pending.order() != order
        || pending.from() != from
        || pending.n() != n
        || pending.pass() != pass) {
      return false;
    }
    Buffers t = current;
    current = spare;
    spare = t;
    return true;
  }

  private void startPrefetch(int[] order, int from, int n, int pass, int imageSize, int labelSize) {
    if (prefetcher == null) {
      prefetcher =
          java.util.concurrent.Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "deltaboost-prefetch-" + name);
                thread.setDaemon(true);
                return thread;
              });
    }
    Buffers target = spare;
    target.ensure(Math.multiplyExact(n, imageSize), Math.multiplyExact(n, labelSize));
    // The order array is the caller's; the epoch's order does not change while its batches are
    // served.
    prefetch =
        new Prefetch(
            order,
            from,
            n,
            pass,
            prefetcher.submit(
                () -> {
                  decode(target, order, from, n, pass);
                  return null;
                }));
  }

  @Override
  public SampleSet subset(int[] positions, String subsetName) {
    int[] records = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      records[i] = indices != null ? indices[positions[i]] : positions[i];
    }
    return new DecodedSamples(subsetName, dataset, evaluation, classNames, normalization, records);
  }

  /** As {@code ImageClassificationSet.split}: {@link RandomSplit} picks the first part. */
  @Override
  public List<SampleSet> split(double fraction, long seed) {
    RandomSplit parts = RandomSplit.ofFraction(size(), fraction, seed);
    return List.of(
        subset(parts.first(), name + " (held out)"), subset(parts.second(), name + " (rest)"));
  }

  @Override
  public SampleSet forEvaluation() {
    return dataset == evaluation
        ? this
        : new DecodedSamples(name, evaluation, evaluation, classNames, normalization, indices);
  }

  @Override
  public int skippedUnreadable() {
    int skipped = dataset.skippedRecords().count();
    return evaluation == dataset ? skipped : skipped + evaluation.skippedRecords().count();
  }

  @Override
  public void close() {
    if (prefetch != null) {
      prefetch.done().cancel(true);
      prefetch = null;
    }
    if (prefetcher != null) {
      prefetcher.shutdownNow();
      prefetcher = null;
    }
    dataset.close();
    evaluation.close();
  }
}
