package org.deltaboost.onnx;

/**
 * DJL's logits against ONNX Runtime's on the same samples: the largest absolute difference over
 * every logit and the fraction of predictions whose argmax agrees: one prediction per sample for a
 * classifier, one per pixel for a dense (PixelNet) model. It passes when {@code maxAbsDifference ≤
 * }{@value #MAX_ABS_DIFFERENCE} and {@code argmaxAgreement ≥ }{@value #MIN_ARGMAX_AGREEMENT} (the
 * thresholds of issue 7).
 *
 * @param samples the number of samples (images, for a dense model) compared
 * @param predictions the number of argmax predictions compared: {@code samples} for a classifier,
 *     {@code samples·H·W} for a dense model
 * @param maxAbsDifference {@code max |z_djl − z_onnx|} over every logit
 * @param argmaxAgreement the fraction of predictions with the same argmax
 */
public record ParityReport(
    int samples, long predictions, double maxAbsDifference, double argmaxAgreement) {

  /** The largest absolute logit difference allowed. */
  public static final double MAX_ABS_DIFFERENCE = 1e-4;

  /** The smallest fraction of identical predictions allowed. */
  public static final double MIN_ARGMAX_AGREEMENT = 0.999;

  /**
   * A classifier's report: one prediction per sample.
   *
   * @param samples the number of samples compared
   * @param maxAbsDifference {@code max |z_djl − z_onnx|} over every logit
   * @param argmaxAgreement the fraction of samples with the same argmax
   */
  public ParityReport(int samples, double maxAbsDifference, double argmaxAgreement) {
    this(samples, samples, maxAbsDifference, argmaxAgreement);
  }

  /** Returns whether both thresholds are met. */
  public boolean passed() {
    return maxAbsDifference <= MAX_ABS_DIFFERENCE && argmaxAgreement >= MIN_ARGMAX_AGREEMENT;
  }

  /**
   * Throws unless the check passed.
   *
   * @param model what was checked, for the message (the ONNX file)
   * @return this report
   * @throws OnnxException naming the measured numbers and the thresholds
   */
  public ParityReport requirePassed(String model) throws OnnxException {
    if (!passed()) {
      throw new OnnxException(model + ": parity with DJL failed: " + this);
    }
    return this;
  }

  @Override
  public String toString() {
    return String.format(
        "%d samples%s, max |Δlogit| %.3g (limit %.0e), argmax agreement %.4f (limit %.3f): %s",
        samples,
        predictions == samples ? "" : " (" + predictions + " pixel predictions)",
        maxAbsDifference,
        MAX_ABS_DIFFERENCE,
        argmaxAgreement,
        MIN_ARGMAX_AGREEMENT,
        passed() ? "passed" : "FAILED");
  }
}
