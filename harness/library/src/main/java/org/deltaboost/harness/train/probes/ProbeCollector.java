package org.deltaboost.harness.train.probes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.config.ProbeSettings;
import org.deltaboost.records.DeltaHistogram;
import org.deltaboost.records.EpochProbes;
import org.deltaboost.records.SoftmaxNormalization;
import org.deltaboost.strategies.OutputStrategy;

/**
 * Measures the probes of {@link ProbeSettings} during one epoch at a time: {@link #startEpoch},
 * {@link #afterBackward} for every step (with the step's logits, targets and freshly
 * back-propagated gradients), {@link #finishEpoch}. With every probe off, {@link #afterBackward}
 * returns at once and nothing is computed.
 *
 * <p>Delta histogram: on step 0 of a chosen epoch, {@code strategy.delta(z, t)} on the detached
 * logits, counted by {@link DeltaHistogram#of}. Gradient RMS: every step, for every parameter
 * {@code p} with a gradient {@code g}, {@code sqrt(mean(g²))}; the epoch's value is the mean over
 * its steps (every step is measured: the reductions are one small engine call per parameter and one
 * transfer per step). Softmax normalization: see {@link SoftmaxNormalization}.
 */
public final class ProbeCollector {

  private final ProbeSettings settings;
  private final OutputStrategy strategy;
  private final boolean any;

  private int epoch;
  private DeltaHistogram histogram;
  private Map<String, double[]> rmsSums;
  private long rmsSteps;
  private long normalizerSamples;
  private double normalizerSum;
  private double logNormalizerSum;
  private double logNormalizerMax;

  public ProbeCollector(ProbeSettings settings, OutputStrategy strategy) {
    this.settings = settings;
    this.strategy = strategy;
    this.any = settings.any();
  }

  /** Whether any probe is on. */
  public boolean enabled() {
    return any;
  }

  /** Starts epoch {@code number}, forgetting the previous one. */
  public void startEpoch(int number) {
    epoch = number;
    histogram = null;
    rmsSums = new LinkedHashMap<>();
    rmsSteps = 0;
    normalizerSamples = 0;
    normalizerSum = 0;
    logNormalizerSum = 0;
    logNormalizerMax = Double.NEGATIVE_INFINITY;
  }

  /**
   * Measures one step.
   *
   * @param step 0-based step within the epoch
   * @param z the step's logits {@code (B, K)}
   * @param targets the step's targets {@code (B, K)}, as the loss saw them
   * @param parameters the network's parameters, their gradients back-propagated for this step
   * @param scope the step's manager: every array made here (gradient views included) is attached to
   *     it and freed with it
   */
  public void afterBackward(
      int step,
      NDArray z,
      NDArray targets,
      PairList<String, Parameter> parameters,
      NDManager scope) {
    if (!any) {
      return;
    }
    NDArray logits = z.stopGradient();
    if (step == 0 && settings.deltaHistogramEpochs().contains(epoch)) {
      float[] deltas =
          strategy.delta(logits, targets).toType(DataType.FLOAT32, false).toFloatArray();
      histogram = DeltaHistogram.of(epoch, deltas, settings.deltaHistogramBins());
    }
    if (settings.softmaxNormalization()) {
      NDArray wide = logits.toType(DataType.FLOAT32, false);
      NDArray m = wide.max(new int[] {1}, true);
      float[] logS = wide.sub(m).exp().sum(new int[] {1}).log().add(m.squeeze(1)).toFloatArray();
      for (float value : logS) {
        normalizerSum += Math.exp(value);
        logNormalizerSum += value;
        logNormalizerMax = Math.max(logNormalizerMax, value);
      }
      normalizerSamples += logS.length;
    }
    if (settings.gradientRms()) {
      List<String> names = new ArrayList<>();
      NDList meanSquares = new NDList();
      for (Pair<String, Parameter> p : parameters) {
        NDArray array = p.getValue().getArray();
        if (array.hasGradient()) {
          names.add(p.getKey());
          NDArray gradient = array.getGradient();
          gradient.attach(scope);
          meanSquares.add(gradient.toType(DataType.FLOAT32, false).square().mean());
        }
      }
      if (!names.isEmpty()) {
        float[] ms = NDArrays.stack(meanSquares).toFloatArray();
        for (int i = 0; i < ms.length; i++) {
          rmsSums.computeIfAbsent(names.get(i), k -> new double[1])[0] += Math.sqrt(ms[i]);
        }
      }
      rmsSteps++;
    }
  }

  /** Returns the epoch's measurements; {@link EpochProbes#NONE} when every probe is off. */
  public EpochProbes finishEpoch() {
    if (!any) {
      return EpochProbes.NONE;
    }
    Map<String, Double> rms = null;
    String outputLayer = null;
    if (settings.gradientRms() && rmsSteps > 0) {
      rms = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : rmsSums.entrySet()) {
        rms.put(e.getKey(), e.getValue()[0] / rmsSteps);
        outputLayer = layerOf(e.getKey());
      }
    }
    SoftmaxNormalization normalization =
        settings.softmaxNormalization() && normalizerSamples > 0
            ? SoftmaxNormalization.of(
                normalizerSamples, normalizerSum, logNormalizerSum, logNormalizerMax)
            : null;
    return new EpochProbes(histogram, rms, outputLayer, normalization);
  }

  /**
   * A parameter's layer: its name without the last {@code _suffix} ({@code weight}, {@code bias}).
   */
  static String layerOf(String parameterName) {
    int cut = parameterName.lastIndexOf('_');
    return cut > 0 ? parameterName.substring(0, cut) : parameterName;
  }
}
