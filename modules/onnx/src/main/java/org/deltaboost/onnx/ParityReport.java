package org.deltaboost.onnx;

/**
 * DJL's logits against ONNX Runtime's on the same samples: the largest absolute difference over
 * every logit and the fraction of samples whose argmax agrees. It passes when {@code
 * maxAbsDifference ≤ }{@value #MAX_ABS_DIFFERENCE} and {@code argmaxAgreement ≥ }{@value
 * #MIN_ARGMAX_AGREEMENT} (the thresholds of issue 7).
 *
 * @param samples the number of samples compared
 * @param maxAbsDifference {@code max_{i,j} |z_djl − z_onnx|}
 * @param argmaxAgreement the fraction of samples with the same argmax
 */
public record ParityReport(int samples, double maxAbsDifference, double argmaxAgreement) {

  /** The largest absolute logit difference allowed. */
  public static final double MAX_ABS_DIFFERENCE = 1e-4;
  /** The smallest fraction of identical predictions allowed. */
  public static final double MIN_ARGMAX_AGREEMENT = 0.999;

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
        "%d samples, max |Δlogit| %.3g (limit %.0e), argmax agreement %.4f (limit %.3f): %s",
        samples,
        maxAbsDifference,
        MAX_ABS_DIFFERENCE,
        argmaxAgreement,
        MIN_ARGMAX_AGREEMENT,
        passed() ? "passed" : "FAILED");
  }
}
