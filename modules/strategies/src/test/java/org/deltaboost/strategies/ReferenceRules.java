package org.deltaboost.strategies;

/**
 * The rules of design.md §1 in plain Java double arithmetic, row-major {@code (B, K)} arrays: the
 * independent source of every expected value. Deliberately shares no code with the main tree.
 */
final class ReferenceRules {

  private ReferenceRules() {}

  static double[] targets(int[] labels, int numClasses, StrategyConfig config) {
    double[] t = new double[labels.length * numClasses];
    for (int b = 0; b < labels.length; b++) {
      for (int k = 0; k < numClasses; k++) {
        t[b * numClasses + k] = k == labels[b] ? config.positiveTarget() : config.negativeTarget();
      }
    }
    return t;
  }

  static double[] output(StrategyConfig config, double[] z, int numClasses) {
    if (config.id().equals("softmax-ce")) {
      return softmax(z, numClasses);
    }
    double a = config.alpha();
    double c = config.beta();
    double[] y = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      double v = z[i];
      y[i] =
          switch (config.id()) {
            case "linear" -> v;
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
            default -> residual;
          };
    }
    return d;
  }

  static double readableLoss(StrategyConfig config, double[] z, double[] t, int numClasses) {
    int batch = z.length / numClasses;
    double total = 0;
    if (config.id().equals("softmax-ce")) {
      for (int b = 0; b < batch; b++) {
        double logNormalizer = logSumExp(z, b * numClasses, numClasses);
        for (int k = 0; k < numClasses; k++) {
          int i = b * numClasses + k;
          total -= t[i] * (z[i] - logNormalizer);
        }
      }
    } else {
      double[] y = output(config, z, numClasses);
      for (int i = 0; i < z.length; i++) {
        total += 0.5 * (y[i] - t[i]) * (y[i] - t[i]);
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
