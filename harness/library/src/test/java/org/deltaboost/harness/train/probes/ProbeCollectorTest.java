package org.deltaboost.harness.train.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.config.ProbeSettings;
import org.deltaboost.records.DeltaHistogram;
import org.deltaboost.records.EpochProbes;
import org.deltaboost.records.SoftmaxNormalization;
import org.deltaboost.strategies.OutputStrategy;
import org.deltaboost.strategies.Strategies;
import org.deltaboost.strategies.StrategyConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every probe against a hand computation: one Linear layer, 3 inputs to 2 outputs, known weights, a
 * batch of 2, the linear strategy ({@code δ = z − t}, targets one-hot 0/1).
 *
 * <p>W = [[1,2,3],[4,5,6]], b = [0.5,−1], x = [[1,0,2],[0,1,−1]], labels [0,1]: z =
 * [[7.5,15],[−0.5,−2]], δ = [[6.5,15],[−0.5,−3]]. The loss gradient at z is δ/B, so dW = Σ_b δ_b ⊗
 * x_b / 2 and db = Σ_b δ_b / 2 (computed below in plain Java).
 */
class ProbeCollectorTest {

  private static final float[][] W = {{1, 2, 3}, {4, 5, 6}};
  private static final float[] BIAS = {0.5f, -1f};
  private static final float[][] X = {{1, 0, 2}, {0, 1, -1}};
  private static final int[] LABELS = {0, 1};

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  /** z, δ, gradients in plain Java. */
  private static double[][] logits() {
    double[][] z = new double[2][2];
    for (int b = 0; b < 2; b++) {
      for (int k = 0; k < 2; k++) {
        z[b][k] = BIAS[k];
        for (int i = 0; i < 3; i++) {
          z[b][k] += W[k][i] * X[b][i];
        }
      }
    }
    return z;
  }

  private static double[][] deltas() {
    double[][] z = logits();
    double[][] d = new double[2][2];
    for (int b = 0; b < 2; b++) {
      for (int k = 0; k < 2; k++) {
        d[b][k] = z[b][k] - (LABELS[b] == k ? 1 : 0);
      }
    }
    return d;
  }

  private static double rms(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v * v;
    }
    return Math.sqrt(sum / values.length);
  }

  /** Runs one forward/backward step of the Linear layer through the collector. */
  private static void step(ProbeCollector probes, int step, NDManager manager, Linear block) {
    try (NDManager scope = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray x = scope.create(new float[] {1, 0, 2, 0, 1, -1}, new Shape(2, 3));
      NDArray labels = scope.create(new float[] {0, 1});
      OutputStrategy strategy = Strategies.create(StrategyConfig.defaults("linear"));
      NDArray z =
          block.forward(new ParameterStore(scope, false), new NDList(x), true).singletonOrThrow();
      NDArray loss = strategy.loss().evaluate(new NDList(labels), new NDList(z));
      collector.backward(loss);
      probes.afterBackward(
          step, z, strategy.encodeTargets(labels, 2), block.getParameters(), scope);
    }
    // As the optimizer does after its update: the next step's gradients start from zero.
    for (var p : block.getParameters()) {
      try (NDArray gradient = p.getValue().getArray().getGradient()) {
        gradient.muli(0);
      }
    }
  }

  private static Linear knownLayer(NDManager manager) {
    Linear block = Linear.builder().setUnits(2).build();
    block.initialize(manager, DataType.FLOAT32, new Shape(2, 3));
    block.getParameters().get("weight").getArray().set(new float[] {1, 2, 3, 4, 5, 6});
    block.getParameters().get("bias").getArray().set(BIAS);
    return block;
  }

  @Test
  void everyProbeMatchesTheHandComputation() {
    ProbeSettings settings = new ProbeSettings(List.of(1, 4), 4, true, true);
    ProbeCollector probes =
        new ProbeCollector(settings, Strategies.create(StrategyConfig.defaults("linear")));
    try (NDManager manager = NDManager.newBaseManager()) {
      Linear block = knownLayer(manager);
      probes.startEpoch(1);
      step(probes, 0, manager, block);
      step(probes, 1, manager, block);
      EpochProbes measured = probes.finishEpoch();

      // δ = {6.5, 15, −0.5, −3}: range [−3, 15], width 4.5, edges −3, 1.5, 6, 10.5, 15;
      // −3 and −0.5 in bin 0, 6.5 in bin 2, 15 (the maximum) in the last bin.
      DeltaHistogram h = measured.deltaHistogram();
      assertEquals(1, h.epoch());
      assertEquals(4, h.values());
      assertEquals(-3.0, h.min(), 1e-6);
      assertEquals(15.0, h.max(), 1e-6);
      assertEquals(List.of(-3.0, 1.5, 6.0, 10.5, 15.0), h.edges());
      assertEquals(List.of(2L, 0L, 1L, 1L), h.counts());

      double[][] d = deltas();
      double[] dw = new double[6];
      double[] db = new double[2];
      for (int b = 0; b < 2; b++) {
        for (int k = 0; k < 2; k++) {
          db[k] += d[b][k] / 2;
          for (int i = 0; i < 3; i++) {
            dw[k * 3 + i] += d[b][k] * X[b][i] / 2;
          }
        }
      }
      // The same batch twice: the epoch mean of the two steps' RMS equals one step's.
      assertEquals(List.of("weight", "bias"), List.copyOf(measured.gradientRms().keySet()));
      assertEquals(rms(dw), measured.gradientRms().get("weight"), 1e-5 * rms(dw));
      assertEquals(rms(db), measured.gradientRms().get("bias"), 1e-5 * rms(db));
      assertEquals("bias", measured.gradientRmsOutputLayer());

      double[][] z = logits();
      double s0 = Math.exp(z[0][0]) + Math.exp(z[0][1]);
      double s1 = Math.exp(z[1][0]) + Math.exp(z[1][1]);
      SoftmaxNormalization n = measured.softmaxNormalization();
      assertEquals(4, n.samples());
      assertEquals((s0 + s1) / 2, n.mean(), 1e-5 * s0);
      assertEquals(Math.max(s0, s1), n.max(), 1e-5 * s0);
      assertEquals((Math.log(s0) + Math.log(s1)) / 2, n.logMean(), 1e-5);
      assertEquals(Math.log(s0), n.logMax(), 1e-5);

      // Epoch 2 is not a histogram epoch.
      probes.startEpoch(2);
      step(probes, 0, manager, block);
      assertNull(probes.finishEpoch().deltaHistogram());
    }
  }

  @Test
  void withEveryProbeOffAStepTouchesNothing() {
    ProbeCollector probes =
        new ProbeCollector(
            ProbeSettings.off(), Strategies.create(StrategyConfig.defaults("linear")));
    probes.startEpoch(1);
    // No arrays at all: any probe work would fail on them.
    probes.afterBackward(0, null, null, null, null);
    assertSame(EpochProbes.NONE, probes.finishEpoch());
    assertTrue(!probes.enabled());
  }

  @Test
  void histogramOfEqualDeltasWidensTheRange() {
    DeltaHistogram h = DeltaHistogram.of(4, new float[] {2, 2, 2}, 2);
    assertEquals(List.of(1.5, 2.0, 2.5), h.edges());
    assertEquals(List.of(0L, 3L), h.counts());
    assertThrows(
        IllegalArgumentException.class, () -> DeltaHistogram.of(1, new float[] {Float.NaN}, 2));
  }

  @Test
  void normalizationBeyondTheDoubleRangeKeepsOnlyTheLogarithms() {
    SoftmaxNormalization n = SoftmaxNormalization.of(1, Double.POSITIVE_INFINITY, 800, 800);
    assertNull(n.mean());
    assertNull(n.max());
    assertEquals(800, n.logMax());
  }

  @Test
  void badProbeSettingsNameTheField() {
    IllegalArgumentException epoch =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ProbeSettings(List.of(0), null, false, false));
    assertEquals(
        "probes.deltaHistogramEpochs: every epoch must be >= 1, got 0", epoch.getMessage());
    IllegalArgumentException bins =
        assertThrows(
            IllegalArgumentException.class, () -> new ProbeSettings(List.of(1), 0, false, false));
    assertTrue(
        bins.getMessage().startsWith("probes.deltaHistogramBins must be in [1, "),
        bins.getMessage());
    assertEquals(
        ProbeSettings.DEFAULT_BINS,
        new ProbeSettings(null, null, true, false).deltaHistogramBins());
  }
}
