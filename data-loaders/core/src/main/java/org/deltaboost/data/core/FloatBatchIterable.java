package org.deltaboost.data.core;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.DataIterable;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Pipeline;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A DJL batch iterable whose subclasses fill a whole batch's data and labels into two float arrays
 * (instead of stacking one NDArray per record); this class turns them into the {@link Batch}: one
 * sub-manager per batch, the pipelines, the device.
 */
public abstract class FloatBatchIterable extends DataIterable {

  /**
   * Creates the iterable; the arguments are DJL's {@link DataIterable}'s.
   *
   * @param dataset the dataset
   * @param manager the manager of the batches
   * @param sampler the sampler
   * @param dataBatchifier the data batchifier
   * @param labelBatchifier the label batchifier
   * @param pipeline the data pipeline, or {@code null}
   * @param targetPipeline the label pipeline, or {@code null}
   * @param executor the prefetching executor, or {@code null}
   * @param preFetchNumber how many batches to prefetch
   * @param device the device of the batches, or {@code null}
   */
  protected FloatBatchIterable(
      RandomAccessDataset dataset,
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

  /**
   * Wraps filled arrays as a batch.
   *
   * @param indices the batch's record indices
   * @param progress DJL's progress counter for the batch
   * @param data {@code indices.size() × dataShape.size()} values
   * @param dataShape the shape of one record's data
   * @param labels {@code indices.size() × labelShape.size()} values
   * @param labelShape the shape of one record's label ({@code ()} for a scalar)
   * @return the batch, owning a sub-manager that closing it frees
   */
  protected final Batch batchOf(
      List<Long> indices,
      int progress,
      float[] data,
      Shape dataShape,
      float[] labels,
      Shape labelShape) {
    int batchSize = indices.size();
    NDManager batchManager = manager.newSubManager();
    NDList batchData =
        new NDList(batchManager.create(data, new Shape(batchSize).addAll(dataShape)));
    NDList batchLabels =
        new NDList(batchManager.create(labels, new Shape(batchSize).addAll(labelShape)));
    if (pipeline != null) {
      batchData = pipeline.transform(batchData);
    }
    if (targetPipeline != null) {
      batchLabels = targetPipeline.transform(batchLabels);
    }
    if (device != null) {
      batchData = batchData.toDevice(device, false);
      batchLabels = batchLabels.toDevice(device, false);
    }
    return new Batch(
        batchManager,
        batchData,
        batchLabels,
        batchSize,
        dataBatchifier,
        labelBatchifier,
        progress,
        dataset.size(),
        indices);
  }
}
