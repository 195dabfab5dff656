package org.deltaboost.data.core;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * A DJL dataset over an {@link ImageClassificationSet}. A record's data is one float32 array of
 * shape (C, H, W) holding {@code pixel / 255f}; its label is a float32 scalar holding the class
 * index, as in DJL's own {@code Mnist} and {@code FashionMnist}. Batches are (B, C, H, W) and (B).
 *
 * <p>With the default stacking batchifiers a batch is assembled in one array straight from the
 * pixels (no per-record arrays); then, as in DJL's {@code ArrayDataset}, the pipeline transforms
 * whole batches. With other batchifiers records go through DJL's generic per-record path.
 */
public class ImageClassificationDataset extends RandomAccessDataset {
  private final ImageClassificationSet set;

  /**
   * @param builder the set and the sampling options
   */
  protected ImageClassificationDataset(Builder builder) {
    super(builder);
    this.set = Objects.requireNonNull(builder.set, "set");
  }

  /**
   * @param set the images to serve
   * @return a builder; {@code setSampling} must be called before {@code build()}
   */
  public static Builder builder(ImageClassificationSet set) {
    return new Builder(set);
  }

  /**
   * @return the images served
   */
  public ImageClassificationSet set() {
    return set;
  }

  @Override
  public Record get(NDManager manager, long index) {
    int i = Math.toIntExact(index);
    float[] image = new float[set.imageSize()];
    set.copyScaled(i, image, 0);
    NDArray data = manager.create(image, new Shape(set.channels(), set.height(), set.width()));
    NDArray label = manager.create((float) set.label(i));
    return new Record(new NDList(data), new NDList(label));
  }

  @Override
  protected long availableSize() {
    return set.size();
  }

  /** Nothing to prepare: the images are in memory. */
  @Override
  public void prepare(Progress progress) {}

  @Override
  public Iterable<Batch> getData(
      NDManager manager, Sampler sampler, ExecutorService executorService)
      throws IOException, TranslateException {
    if (dataBatchifier != Batchifier.STACK || labelBatchifier != Batchifier.STACK) {
      return super.getData(manager, sampler, executorService);
    }
    prepare();
    return new WholeBatchIterable(
        this,
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

  /** Builds each batch in one float array instead of stacking per-record arrays. */
  private static final class WholeBatchIterable extends FloatBatchIterable {
    WholeBatchIterable(
        ImageClassificationDataset dataset,
        NDManager manager,
        Sampler sampler,
        Batchifier dataBatchifier,
        Batchifier labelBatchifier,
        Pipeline pipeline,
        Pipeline targetPipeline,
        ExecutorService executor,
        int preFetchNumber,
        Device device) {
      super(
          dataset,
          manager,
          sampler,
          dataBatchifier,
          labelBatchifier,
          pipeline,
          targetPipeline,
          executor,
          preFetchNumber,
          device);
    }

    // No fields of our own: the superclass constructor may already call fetch() when prefetching.
    @Override
    protected Batch fetch(List<Long> indices, int progress) {
      ImageClassificationSet set = ((ImageClassificationDataset) dataset).set;
      int batchSize = indices.size();
      int imageSize = set.imageSize();
      float[] images = new float[Math.multiplyExact(batchSize, imageSize)];
      float[] labels = new float[batchSize];
      for (int b = 0; b < batchSize; b++) {
        int index = Math.toIntExact(indices.get(b));
        set.copyScaled(index, images, b * imageSize);
        labels[b] = set.label(index);
      }
      return batchOf(
          indices,
          progress,
          images,
          new Shape(set.channels(), set.height(), set.width()),
          labels,
          new Shape());
    }
  }

  /** Builds an {@link ImageClassificationDataset}; sampling is set as for any DJL dataset. */
  public static final class Builder extends BaseBuilder<Builder> {
    private final ImageClassificationSet set;

    private Builder(ImageClassificationSet set) {
      this.set = Objects.requireNonNull(set, "set");
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * @return the dataset
     */
    public ImageClassificationDataset build() {
      return new ImageClassificationDataset(this);
    }
  }
}
