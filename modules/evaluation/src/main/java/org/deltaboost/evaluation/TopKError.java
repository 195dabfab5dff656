package org.deltaboost.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.Evaluator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Top-k error, a DJL {@link Evaluator}: the share of examples whose true class is not among the
 * {@code k} highest scores. An example counts as right when fewer than {@code k} classes score
 * strictly higher than its true class ({@code rank = #{j : z_j > z_label} < k}), so ties favour the
 * true class. Labels are class indices (any numeric type), predictions (B, classes) scores. The
 * ImageNet challenge reports top-1 and top-5 error.
 */
public final class TopKError extends Evaluator {
  private final int k;
  private final Map<String, Long> wrong = new ConcurrentHashMap<>();

  /**
   * @param k how many of the highest scores may hold the true class, ≥ 1
   */
  public TopKError(int k) {
    super("top" + k + "Error");
    if (k < 1) {
      throw new IllegalArgumentException("k: expected at least 1, found " + k);
    }
    this.k = k;
  }

  /**
   * @return top-1 error
   */
  public static TopKError top1() {
    return new TopKError(1);
  }

  /**
   * @return top-5 error
   */
  public static TopKError top5() {
    return new TopKError(5);
  }

  /**
   * @return k
   */
  public int k() {
    return k;
  }

  /**
   * @return per example, 1 when it is wrong (outside the top k), else 0; shape (B), int32
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray scores = predictions.singletonOrThrow();
    NDArray label = labels.singletonOrThrow().toType(DataType.INT64, false).reshape(-1, 1);
    NDArray trueScore = scores.gather(label, 1);
    NDArray rank = scores.gt(trueScore).toType(DataType.INT32, false).sum(new int[] {1});
    return rank.gte(k).toType(DataType.INT32, false);
  }

  @Override
  public void addAccumulator(String key) {
    totalInstances.put(key, 0L);
    wrong.put(key, 0L);
  }

  @Override
  public void updateAccumulator(String key, NDList labels, NDList predictions) {
    updateAccumulators(new String[] {key}, labels, predictions);
  }

  @Override
  public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
    long count;
    long wrongCount;
    try (NDArray perExample = evaluate(labels, predictions);
        NDArray sum = perExample.sum().toType(DataType.INT64, false)) {
      count = perExample.size();
      wrongCount = sum.getLong();
    }
    for (String key : keys) {
      totalInstances.merge(key, count, Long::sum);
      wrong.merge(key, wrongCount, Long::sum);
    }
  }

  @Override
  public void resetAccumulator(String key) {
    totalInstances.put(key, 0L);
    wrong.put(key, 0L);
  }

  @Override
  public float getAccumulator(String key) {
    Long total = totalInstances.get(key);
    if (total == null || total == 0) {
      return Float.NaN;
    }
    return (float) wrong.get(key) / total;
  }
}
