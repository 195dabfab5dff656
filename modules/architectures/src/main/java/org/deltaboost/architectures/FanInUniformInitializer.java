package org.deltaboost.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Weights drawn from {@code U(-1/√fanIn, 1/√fanIn)} with {@code fanIn = shape[1]·∏shape[2..]}, the
 * default of PyTorch's {@code nn.Linear} and {@code nn.Conv2d} (Kaiming-uniform with {@code a =
 * √5}).
 *
 * <p>We use it rather than DJL's default (He-normal, about 2.4× larger) because the boosted
 * strategies' learning rates in design.md were measured with PyTorch's defaults, and exp-GB's first
 * deltas grow exponentially with the initial logits. The draw comes from the engine's random
 * generator, so a seeded engine gives identical weights.
 */
public final class FanInUniformInitializer implements Initializer {

  /** Creates the initializer. */
  public FanInUniformInitializer() {}

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (shape.dimension() < 2) {
      throw new IllegalArgumentException(
          "FanInUniformInitializer needs a weight of rank >= 2, got shape " + shape);
    }
    long fanIn = shape.size() / shape.get(0);
    float bound = (float) (1.0 / Math.sqrt(fanIn));
    return manager.randomUniform(-bound, bound, shape, dataType);
  }

  @Override
  public String toString() {
    return "FanInUniformInitializer[U(-1/sqrt(fanIn), 1/sqrt(fanIn))]";
  }
}
