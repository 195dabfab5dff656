package org.deltaboost.harness.train.config;

/**
 * Adam's constants as a config file names them (field {@code adam}; used only when {@code
 * optimizer} is {@code adam}). Left-out fields take PyTorch's defaults.
 *
 * @param beta1 decay of the first-moment (mean) estimate, in {@code [0, 1)}; default 0.9
 * @param beta2 decay of the second-moment estimate, in {@code [0, 1)}; default 0.999
 * @param epsilon added to the denominator, {@code > 0}; default 1e-8
 */
public record AdamSettings(Double beta1, Double beta2, Double epsilon) {

  /** PyTorch's defaults: β1 0.9, β2 0.999, ε 1e-8. */
  public static AdamSettings defaults() {
    return new AdamSettings(0.9, 0.999, 1e-8);
  }

  /** Fills defaults and checks every field, naming it. */
  public AdamSettings {
    beta1 = beta1 == null ? 0.9 : beta1;
    beta2 = beta2 == null ? 0.999 : beta2;
    epsilon = epsilon == null ? 1e-8 : epsilon;
    requireDecay("adam.beta1", beta1);
    requireDecay("adam.beta2", beta2);
    if (!(epsilon > 0 && Double.isFinite(epsilon))) {
      throw new IllegalArgumentException(
          "adam.epsilon must be a finite number > 0, got " + epsilon);
    }
  }

  private static void requireDecay(String field, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
    }
  }
}
