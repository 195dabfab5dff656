package org.deltaboost.onnx;

/**
 * Post-hoc temperature scaling (paper §1.2): probabilities {@code p = softmax(z / T)} from the
 * logits {@code z}, with {@code T} chosen to minimise the mean negative log-likelihood {@code
 * NLL(T) = mean_i [logΣ_j e^(z_ij/T) − z_{i,y_i}/T]} on a validation split. Dividing by a positive
 * {@code T} never changes the argmax.
 *
 * <p>{@code NLL} is convex in {@code 1/T} (a log-sum-exp of a linear function minus a linear term),
 * so it is unimodal in {@code log T} and a golden-section search over {@code log T ∈ [log 10⁻³, log
 * 10³]} finds its minimum; a minimum at an end of that range is returned as that end. Sums are
 * taken in double precision with the usual max-shift for the log-sum-exp.
 */
public final class TemperatureScaling {

  /** Smallest temperature searched. */
  public static final double MIN_TEMPERATURE = 1e-3;

  /** Largest temperature searched. */
  public static final double MAX_TEMPERATURE = 1e3;

  private static final double TOLERANCE = 1e-7;
  private static final double INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

  private TemperatureScaling() {}

  /**
   * Fits {@code T} on validation logits.
   *
   * @param logits one row of logits per sample, all rows the same length (at least 2)
   * @param labels the true class of each sample
   * @return the {@code T} in [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}] minimising the
   *     mean NLL
   * @throws IllegalArgumentException naming the sample that is malformed
   */
  public static double fit(float[][] logits, int[] labels) {
    check(logits, labels);
    double lo = Math.log(MIN_TEMPERATURE);
    double hi = Math.log(MAX_TEMPERATURE);
    double a = hi - INVERSE_PHI * (hi - lo);
    double b = lo + INVERSE_PHI * (hi - lo);
    double fa = nll(logits, labels, Math.exp(a));
    double fb = nll(logits, labels, Math.exp(b));
    while (hi - lo > TOLERANCE) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - INVERSE_PHI * (hi - lo);
        fa = nll(logits, labels, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + INVERSE_PHI * (hi - lo);
        fb = nll(logits, labels, Math.exp(b));
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  /**
   * Returns the mean negative log-likelihood of the labels under {@code softmax(z / T)}.
   *
   * @param logits one row of logits per sample
   * @param labels the true class of each sample
   * @param temperature {@code T > 0}
   * @return {@code mean_i [logΣ_j e^(z_ij/T) − z_{i,y_i}/T]}
   */
  public static double negativeLogLikelihood(float[][] logits, int[] labels, double temperature) {
    check(logits, labels);
    checkTemperature(temperature);
    return nll(logits, labels, temperature);
  }

  /**
   * Returns {@code softmax(z / T)} row by row.
   *
   * @param logits one row of logits per sample
   * @param temperature {@code T > 0}
   * @return probabilities, same shape, each row summing to 1
   */
  public static float[][] probabilities(float[][] logits, double temperature) {
    checkTemperature(temperature);
    float[][] p = new float[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      float[] z = logits[i];
      double max = max(z);
      double sum = 0;
      double[] e = new double[z.length];
      for (int j = 0; j < z.length; j++) {
        e[j] = Math.exp((z[j] - max) / temperature);
        sum += e[j];
      }
      p[i] = new float[z.length];
      for (int j = 0; j < z.length; j++) {
        p[i][j] = (float) (e[j] / sum);
      }
    }
    return p;
  }

  /**
   * Fits {@code T} on a validation split and reports the expected calibration error of {@code
   * softmax(z)} and of {@code softmax(z / T)} on an evaluation split.
   *
   * @param validationLogits logits used to fit {@code T}
   * @param validationLabels their labels
   * @param evaluationLogits logits on which the errors are measured (the test split)
   * @param evaluationLabels their labels
   * @param bins the number of equal-width confidence bins of the ECE (15 is usual)
   * @return {@code T} and the calibration before and after
   */
  public static Calibration calibrate(
      float[][] validationLogits,
      int[] validationLabels,
      float[][] evaluationLogits,
      int[] evaluationLabels,
      int bins) {
    double t = fit(validationLogits, validationLabels);
    check(evaluationLogits, evaluationLabels);
    return new Calibration(
        t,
        ExpectedCalibrationError.of(probabilities(evaluationLogits, 1), evaluationLabels, bins),
        ExpectedCalibrationError.of(probabilities(evaluationLogits, t), evaluationLabels, bins),
        nll(evaluationLogits, evaluationLabels, 1),
        nll(evaluationLogits, evaluationLabels, t));
  }

  /**
   * A fitted temperature and what it did on the evaluation split.
   *
   * @param temperature the fitted {@code T}
   * @param eceBefore expected calibration error of {@code softmax(z)}
   * @param eceAfter expected calibration error of {@code softmax(z / T)}
   * @param nllBefore mean negative log-likelihood of {@code softmax(z)}
   * @param nllAfter mean negative log-likelihood of {@code softmax(z / T)}
   */
  public record Calibration(
      double temperature, double eceBefore, double eceAfter, double nllBefore, double nllAfter) {}

  private static double nll(float[][] logits, int[] labels, double t) {
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      float[] z = logits[i];
      double max = max(z);
      double sum = 0;
      for (float v : z) {
        sum += Math.exp((v - max) / t);
      }
      total += Math.log(sum) + max / t - z[labels[i]] / t;
    }
    return total / logits.length;
  }

  private static double max(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    return max;
  }

  static void check(float[][] logits, int[] labels) {
    if (logits.length == 0 || logits.length != labels.length) {
      throw new IllegalArgumentException(
          "need one label per logits row and at least one row, got "
              + logits.length
              + " rows and "
              + labels.length
              + " labels");
    }
    int classes = logits[0].length;
    if (classes < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + classes);
    }
    for (int i = 0; i < logits.length; i++) {
      if (logits[i].length != classes) {
        throw new IllegalArgumentException(
            "logits row " + i + " has " + logits[i].length + " values, expected " + classes);
      }
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " of sample " + i + " outside [0, " + classes + ")");
      }
      for (float v : logits[i]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("logits row " + i + " holds a non-finite value " + v);
        }
      }
    }
  }

  private static void checkTemperature(double t) {
    if (!(t > 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got " + t);
    }
  }
}
