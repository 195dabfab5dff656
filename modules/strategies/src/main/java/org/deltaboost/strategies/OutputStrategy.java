package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;

/**
 * A rule for the error delta at the network's linear output {@code z} (the logits, shape {@code (B,
 * K)}), given targets {@code t}. Training back-propagates {@code delta / B} from {@code z}.
 * Prediction is always {@code argmax(z)}: every rule's output is monotone in {@code z}.
 *
 * <p>{@link #output} and {@link #delta} are pure functions of their arguments; {@link #loss} and
 * {@link #outputBlock} are the two DJL forms of the same gradient.
 */
public interface OutputStrategy {

  /**
   * Returns the strategy id.
   *
   * @return one of {@link Strategies#ids()}
   */
  String id();

  /**
   * Returns the parameters of this strategy.
   *
   * @return the configuration it was created with
   */
  StrategyConfig config();

  /**
   * Returns the train-time output {@code y(z)}: elementwise, or softmax over the last axis for
   * softmax-ce, squentropy and label-smoothing-ce.
   *
   * @param z the logits
   * @return {@code y(z)}, same shape and data type as {@code z}
   */
  NDArray output(NDArray z);

  /**
   * Returns the closed-form error delta at {@code z}.
   *
   * @param z the logits
   * @param targets the targets, same shape as {@code z}
   * @return the delta, same shape as {@code z}
   * @throws IllegalArgumentException if the shapes differ
   */
  NDArray delta(NDArray z, NDArray targets);

  /**
   * Encodes class indices as float32 targets; see {@link #encodeTargets(NDArray, int, DataType)}.
   *
   * @param labels class indices, shape {@code (B)} or {@code (B, 1)}
   * @param numClasses the number of classes {@code K}
   * @return targets of shape {@code (B, K)}
   */
  default NDArray encodeTargets(NDArray labels, int numClasses) {
    return encodeTargets(labels, numClasses, DataType.FLOAT32);
  }

  /**
   * Encodes class indices as targets: the positive target at the labelled class, the negative
   * target elsewhere (for label-smoothing-ce, both smoothed towards {@code 1 / K}).
   *
   * @param labels class indices of any numeric data type (integral values), shape {@code (B)} or
   *     {@code (B, 1)}
   * @param numClasses the number of classes {@code K}
   * @param dataType a floating-point data type for the targets, normally that of {@code z}
   * @return targets of shape {@code (B, K)}
   * @throws IllegalArgumentException if a label is outside {@code [0, K)} or not an integer, or the
   *     shape or data type is unsupported
   */
  NDArray encodeTargets(NDArray labels, int numClasses, DataType dataType);

  /**
   * Encodes class indices held in Java as float32 targets, the same values as {@link
   * #encodeTargets(NDArray, int, DataType)} gives for a label array holding them; for training
   * loops that know their labels, to skip making that array and reading it back.
   *
   * @param manager where the targets go (and on its device)
   * @param classes one class index per example, each in {@code [0, numClasses)}
   * @param numClasses the number of classes {@code K}
   * @return float32 targets of shape {@code (B, K)}
   * @throws IllegalArgumentException if {@code classes} is empty or a class is out of range
   */
  NDArray encodeTargets(NDManager manager, int[] classes, int numClasses);

  /**
   * Returns the readable loss: the cross-entropy averaged over the batch for softmax-ce and
   * label-smoothing-ce (against its smoothed targets), the loss itself for squentropy and
   * rescaled-square, otherwise {@code ½ · mean over the batch of Σ over classes (y − t)²}.
   *
   * @param z the logits, shape {@code (B, K)}
   * @param targets the targets, same shape
   * @return a scalar
   */
  NDArray readableLoss(NDArray z, NDArray targets);

  /**
   * Returns a DJL loss on the logits whose value is {@link #readableLoss} and whose gradient with
   * respect to {@code z} is exactly {@code delta / B}. Labels are class indices.
   *
   * @return a {@link DeltaLoss} for this strategy
   */
  StrategyLoss loss();

  /**
   * Returns an output block to put after the logits: its forward gives {@code y(z)}; its backward
   * passes the incoming gradient through unchanged (boosted, linear and softmax rules) or through
   * the true activation (sigmoid, tanh). Followed by a {@link SumOfSquaresLoss} it gives the same
   * gradient at {@code z} as {@link #loss}.
   *
   * @return a new {@link StrategyOutputBlock}
   * @throws UnsupportedOperationException for rescaled-square and squentropy, whose deltas depend
   *     on the label beyond {@code y − t} and so have no such form
   */
  Block outputBlock();
}
