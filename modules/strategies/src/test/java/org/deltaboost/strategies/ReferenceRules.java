package org.deltaboost.strategies;

/**
 * The rules of design.md §1 in plain Java double arithmetic, row-major {@code (B, K)} arrays: the
 * independent source of every expected value. Deliberately shares no code with the main tree.
 */
final class ReferenceRules {

  private ReferenceRules() {}

  /** The encoded targets; label-smoothing-ce's already smoothed, {@code (1 − ε) t + ε / K}. */
  static double[] targets(int[] labels, int numClasses, StrategyConfig config) {
    double[] t = new double[labels.length * numClasses];
    for (int b = 0; b < labels.length; b++) {
      for (int k = 0; k < numClasses; k++) {
        t[b * numClasses + k] = k == labels[b] ? config.positiveTarget() : config.negativeTarget();
      }
    }
    if (config.id().equals("label-smoothing-ce")) {
      double epsilon = config.smoothing();
      for (int i = 0; i < t.length; i++) {
        t[i] = (1 - epsilon) * t[i] + epsilon / numClasses;
      }
    }
    return t;
  }

  /** Whether target {@code i} is the labelled class's, by the unsmoothed rule's two values. */
  private static boolean labelled(StrategyConfig config, double[] t, int i) {
    return t[i] > (config.negativeTarget() + config.positiveTarget()) / 2;
  }

  private static boolean softmaxOutput(StrategyConfig config) {
    return switch (config.id()) {
      case "softmax-ce", "squentropy", "label-smoothing-ce" -> true;
      default -> false;
    };
  }

  static double[] output(StrategyConfig config, double[] z, int numClasses) {
    if (softmaxOutput(config)) {
      return softmax(z, numClasses);
    }
    double a = config.alpha();
    double c = config.beta();
    double[] y = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      double v = z[i];
      y[i] =
          switch (config.id()) {
            case "linear", "rescaled-square" -> v;
            case "sigmoid" -> 1 / (1 + Math.exp(-v));
            case "tanh" -> Math.tanh(v);
            case "exp-gb" -> a * Math.exp(v) + c;
            case "pow3-gb" -> a * v * v * v + c;
            case "mirrored-exp" -> a * Math.signum(v) * Math.expm1(Math.abs(v)) + c;
            default -> throw new IllegalArgumentException(config.id());
          };
    }
    return y;
  }

  static double[] delta(StrategyConfig config, double[] z, double[] t, int numClasses) {
    double[] y = output(config, z, numClasses);
    double[] d = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      double residual = y[i] - t[i];
      d[i] =
          switch (config.id()) {
            case "sigmoid" -> residual * y[i] * (1 - y[i]);
            case "tanh" -> residual * (1 - y[i] * y[i]);
            case "rescaled-square" ->
                residual * (labelled(config, t, i) ? config.trueClassWeight() : 1);
            case "squentropy" ->
                residual + (labelled(config, t, i) ? 0 : 2 * z[i] / (numClasses - 1));
            default -> residual;
          };
    }
    return d;
  }

  static double readableLoss(StrategyConfig config, double[] z, double[] t, int numClasses) {
    int batch = z.length / numClasses;
    double total = 0;
    if (softmaxOutput(config)) {
      for (int b = 0; b < batch; b++) {
        double logNormalizer = logSumExp(z, b * numClasses, numClasses);
        for (int k = 0; k < numClasses; k++) {
          int i = b * numClasses + k;
          total -= t[i] * (z[i] - logNormalizer);
        }
      }
      if (config.id().equals("squentropy")) {
        for (int i = 0; i < z.length; i++) {
          total += labelled(config, t, i) ? 0 : z[i] * z[i] / (numClasses - 1);
        }
      }
    } else {
      double[] y = output(config, z, numClasses);
      for (int i = 0; i < z.length; i++) {
        double weight =
            config.id().equals("rescaled-square") && labelled(config, t, i)
                ? config.trueClassWeight()
                : 1;
        total += 0.5 * weight * (y[i] - t[i]) * (y[i] - t[i]);
      }
    }
    return total / batch;
  }

  static double[] scale(double[] values, double factor) {
    double[] scaled = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      scaled[i] = values[i] * factor;
    }
    return scaled;
  }

  private static double[] softmax(double[] z, int numClasses) {
    double[] y = new double[z.length];
    for (int start = 0; start < z.length; start += numClasses) {
      double logNormalizer = logSumExp(z, start, numClasses);
      for (int k = 0; k < numClasses; k++) {
        y[start + k] = Math.exp(z[start + k] - logNormalizer);
      }
    }
    return y;
  }

  private static double logSumExp(double[] z, int start, int length) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < length; k++) {
      max = Math.max(max, z[start + k]);
    }
    double sum = 0;
    for (int k = 0; k < length; k++) {
      sum += Math.exp(z[start + k] - max);
    }
    return max + Math.log(sum);
  }
}
