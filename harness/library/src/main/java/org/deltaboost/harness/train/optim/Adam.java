package org.deltaboost.harness.train.optim;

import ai.djl.ndarray.NDArray;
import org.deltaboost.harness.train.config.AdamSettings;

/**
 * Adam, PyTorch's formulation ({@code torch.optim.Adam}, bias-corrected, not AMSGrad), with L2
 * weight decay λ added to the gradient (not AdamW's decoupled decay) and a learning-rate schedule
 * ({@link TrainingOptimizer}). For update {@code t = 1, 2, …} of a parameter:
 *
 * <pre>
 *   g ← g + λ·w
 *   m ← m + (1 − β1)·(g − m)                 (PyTorch's lerp; = β1·m + (1 − β1)·g; m starts at 0)
 *   v ← β2·v + (1 − β2)·g²                   (v starts at 0)
 *   w ← w − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 *
 * <p>State per parameter: {@code m}, {@code v} and {@code t}, all in the checkpoint.
 */
public final class Adam extends TrainingOptimizer {

  private final double beta1;
  private final double beta2;
  private final float epsilon;
  private final Scalar oneMinusBeta1 = new Scalar();
  private final Scalar oneMinusBeta2 = new Scalar();
  private final Scalar beta2Scalar = new Scalar();
  private final Scalar eps = new Scalar();
  private final Scalar correction2 = new Scalar();
  private final Scalar stepSize = new Scalar();

  /**
   * Creates the optimizer.
   *
   * @param schedule the learning rate per step
   * @param settings β1, β2, ε
   * @param weightDecay λ, {@code >= 0}
   */
  public Adam(LearningRateSchedule schedule, AdamSettings settings, double weightDecay) {
    super(schedule, weightDecay);
    this.beta1 = settings.beta1();
    this.beta2 = settings.beta2();
    this.epsilon = settings.epsilon().floatValue();
  }

  @Override
  public String kind() {
    return "adam";
  }

  @Override
  public int bufferCount() {
    return 2;
  }

  @Override
  protected void apply(State state, NDArray weight, NDArray grad, NDArray rate, float rateValue) {
    NDArray[] buffers = state.buffers();
    if (buffers[0] == null) {
      buffers[0] = weight.zerosLike();
      buffers[1] = weight.zerosLike();
    }
    NDArray m = buffers[0];
    NDArray v = buffers[1];
    long t = state.updates() + 1;
    try (NDArray diff = grad.sub(m)) {
      m.addi(diff.muli(oneMinusBeta1.of(m, (float) (1 - beta1))));
    }
    try (NDArray square = grad.mul(grad)) {
      v.muli(beta2Scalar.of(v, (float) beta2))
          .addi(square.muli(oneMinusBeta2.of(v, (float) (1 - beta2))));
    }
    double biasCorrection1 = 1 - Math.pow(beta1, t);
    double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    // The per-update scalars are the same for every parameter of a step: made once per step.
    try (NDArray denominator = v.sqrt()) {
      denominator.divi(correction2.of(v, (float) biasCorrection2Sqrt)).addi(eps.of(v, epsilon));
      try (NDArray step = m.div(denominator)) {
        weight.subi(step.muli(stepSize.of(m, (float) (rateValue / biasCorrection1))));
      }
    }
  }
}
