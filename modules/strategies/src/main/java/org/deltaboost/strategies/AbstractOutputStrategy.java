package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;

/**
 * What all rules share: the configuration, target encoding, the squared-error readable loss, the
 * surrogate {@link DeltaLoss} and a straight-through output block. A rule supplies {@code y(z)} and
 * its delta.
 */
abstract class AbstractOutputStrategy implements OutputStrategy {

  private final StrategyConfig config;

  AbstractOutputStrategy(StrategyConfig config, String id) {
    if (!config.id().equals(id)) {
      throw new IllegalArgumentException(
          "configuration of strategy '" + config.id() + "' given to strategy '" + id + "'");
    }
    this.config = config;
  }

  /** The delta for targets already checked to have the shape of {@code z}. */
  abstract NDArray checkedDelta(NDArray z, NDArray targets);

  /**
   * Whether {@link #checkedDelta} is exactly the error {@code output(z) − targets}, computed as
   * {@link #readableLoss} computes it (exp-GB, pow3-GB, mirrored-exp, linear); then the readable
   * loss of a step whose delta is known is the half squared delta, the same numbers without
   * computing {@code y − t} again.
   */
  boolean deltaIsError() {
    return false;
  }

  /**
   * {@link #readableLoss}{@code (z, targets)}, given the step's {@code delta(z, targets)}: the same
   * value, computed from the delta where {@link #deltaIsError}.
   */
  final NDArray readableLoss(NDArray z, NDArray targets, NDArray delta) {
    return deltaIsError() ? HalfSquaredError.ofError(delta) : readableLoss(z, targets);
  }

  @Override
  public final String id() {
    return config.id();
  }

  @Override
  public final StrategyConfig config() {
    return config;
  }

  /** Returns {@code alpha}. */
  final double alpha() {
    return config.alpha();
  }

  /** Returns {@code beta}. */
  final double beta() {
    return config.beta();
  }

  @Override
  public final NDArray delta(NDArray z, NDArray targets) {
    ShapeChecks.requireSame(z, targets);
    return checkedDelta(z, targets);
  }

  @Override
  public final NDArray encodeTargets(NDArray labels, int numClasses, DataType dataType) {
    return OneHotTargets.encode(
        labels, numClasses, dataType, encodedNegative(numClasses), encodedPositive(numClasses));
  }

  @Override
  public final NDArray encodeTargets(NDManager manager, int[] classes, int numClasses) {
    return OneHotTargets.fromClasses(
        manager, classes, numClasses, encodedNegative(numClasses), encodedPositive(numClasses));
  }

  /** The target of the classes but the labelled one for {@code numClasses} classes. */
  double encodedNegative(int numClasses) {
    return config.negativeTarget();
  }

  /** The target of the labelled class for {@code numClasses} classes. */
  double encodedPositive(int numClasses) {
    return config.positiveTarget();
  }

  /**
   * 1 where a target is the positive one (above the midpoint of the two targets), 0 elsewhere: the
   * labelled class of each row of encoded targets, in their data type.
   */
  final NDArray trueClassMask(NDArray targets) {
    NDArray midpoint =
        ScalarScope.scalar(targets, (config.negativeTarget() + config.positiveTarget()) / 2);
    return targets.gt(midpoint).toType(targets.getDataType(), false);
  }

  @Override
  public NDArray readableLoss(NDArray z, NDArray targets) {
    return HalfSquaredError.batchMean(output(z), targets);
  }

  @Override
  public final DeltaLoss loss() {
    return new DeltaLoss(this);
  }

  @Override
  public Block outputBlock() {
    return StrategyOutputBlock.straightThrough(this);
  }

  @Override
  public final boolean equals(Object other) {
    return other instanceof AbstractOutputStrategy
        && other.getClass() == getClass()
        && ((AbstractOutputStrategy) other).config.equals(config);
  }

  @Override
  public final int hashCode() {
    return config.hashCode();
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + config;
  }
}
