package org.deltaboost.harness.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.config.AdamSettings;
import org.deltaboost.harness.train.config.ScheduleSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdamTest {

  private static final double LR = 0.01;
  private static final double BETA1 = 0.8;
  private static final double BETA2 = 0.95;
  private static final double EPS = 1e-3;
  private static final double DECAY = 0.1;

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  /** PyTorch's Adam in double precision, written out: the reference for the float32 optimizer. */
  private static final class ReferenceAdam {
    final double[] w;
    final double[] m;
    final double[] v;
    int t;

    ReferenceAdam(double[] w) {
      this.w = w.clone();
      this.m = new double[w.length];
      this.v = new double[w.length];
    }

    void update(double[] gradient, double lr) {
      t++;
      for (int i = 0; i < w.length; i++) {
        double g = gradient[i] + DECAY * w[i];
        m[i] = BETA1 * m[i] + (1 - BETA1) * g;
        v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
        double biasCorrection1 = 1 - Math.pow(BETA1, t);
        double biasCorrection2 = 1 - Math.pow(BETA2, t);
        w[i] -= lr / biasCorrection1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(biasCorrection2) + EPS);
      }
    }
  }

  private static Adam adam(LearningRateSchedule schedule) {
    return new Adam(schedule, new AdamSettings(BETA1, BETA2, EPS), DECAY);
  }

  @Test
  void updateFollowsPyTorchsBiasCorrectedFormulaWithL2Decay() {
    // PyTorch: w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε), which is lr · m̂ / (√v̂ + ε).
    double[] w0 = {1, -2, 0.5, 0};
    double[][] gradients = {
      {0.5, -1, 0.25, 0}, {0.25, 0.5, -3, 1e-4}, {0, 0, 0, 0}, {-1, 2, 0.1, 0.1}
    };
    ReferenceAdam reference = new ReferenceAdam(w0);
    Adam adam = adam(LearningRateSchedule.constant(LR));
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(toFloats(w0));
      for (double[] g : gradients) {
        reference.update(g, LR);
        adam.update("w", w, manager.create(toFloats(g)));
        assertArrayEquals(toFloats(reference.w), w.toFloatArray(), 2e-6f);
      }
    }
  }

  @Test
  void firstStepMovesEveryWeightByTheLearningRate() {
    // Bias correction makes m̂ = g and v̂ = g² at t = 1: the first step is lr · sign(g) (ε aside).
    Adam adam = new Adam(LearningRateSchedule.constant(0.1), AdamSettings.defaults(), 0);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1f, 1f, 1f});
      adam.update("w", w, manager.create(new float[] {3f, -0.5f, 1e-2f}));
      assertArrayEquals(new float[] {0.9f, 1.1f, 0.9f}, w.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void theScheduleSetsEachUpdatesRate() {
    // Step decay every epoch of 2 steps, γ 0.5: updates 1-2 at lr, 3-4 at lr/2.
    LearningRateSchedule schedule =
        new LearningRateSchedule(new ScheduleSettings("step", 1, 0.5, null, null), LR, 2, 3);
    ReferenceAdam reference = new ReferenceAdam(new double[] {1, 2});
    Adam adam = adam(schedule);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1f, 2f});
      for (int t = 0; t < 4; t++) {
        double[] g = {0.3 - t, 0.1 * t};
        reference.update(g, t < 2 ? LR : LR / 2);
        adam.update("w", w, manager.create(toFloats(g)));
        assertArrayEquals(toFloats(reference.w), w.toFloatArray(), 2e-6f, "update " + (t + 1));
      }
    }
  }

  @Test
  void savedStateContinuesExactlyInAFreshOptimizer() throws Exception {
    Adam first = adam(LearningRateSchedule.constant(LR));
    Adam second = adam(LearningRateSchedule.constant(LR));
    Block block = OptimizerPathsTest.tinyNet();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(2, 3));
      for (int step = 0; step < 2; step++) {
        for (Pair<String, Parameter> p : block.getParameters()) {
          NDArray w = p.getValue().getArray();
          first.update(p.getValue().getId(), w, w.onesLike().mul(step + 1));
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      first.saveState(block, new DataOutputStream(bytes));
      second.loadState(
          block, manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      // The third update (t = 3, same moments) gives the same weights in both.
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray a = p.getValue().getArray().duplicate();
        NDArray b = p.getValue().getArray().duplicate();
        first.update(p.getValue().getId(), a, a.onesLike().neg());
        second.update(p.getValue().getId(), b, b.onesLike().neg());
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
      }
    }
  }

  @Test
  void stateOfAnotherOptimizerIsRefusedByName() throws Exception {
    Block block = OptimizerPathsTest.tinyNet();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(2, 3));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new MomentumSgd(0.1, 0.9).saveState(block, new DataOutputStream(bytes));
      Exception e =
          assertThrows(
              ai.djl.MalformedModelException.class,
              () ->
                  adam(LearningRateSchedule.constant(LR))
                      .loadState(
                          block,
                          manager,
                          new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
      assertTrue(
          e.getMessage().contains("optimizer state is for sgd")
              && e.getMessage().contains("uses adam"),
          e.getMessage());
    }
  }

  @Test
  void invalidSettingsNameTheField() {
    IllegalArgumentException beta =
        assertThrows(IllegalArgumentException.class, () -> new AdamSettings(1.0, null, null));
    assertEquals("adam.beta1 must be in [0, 1), got 1.0", beta.getMessage());
    IllegalArgumentException eps =
        assertThrows(IllegalArgumentException.class, () -> new AdamSettings(null, null, 0.0));
    assertEquals("adam.epsilon must be a finite number > 0, got 0.0", eps.getMessage());
    IllegalArgumentException decay =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Adam(LearningRateSchedule.constant(LR), AdamSettings.defaults(), -1));
    assertEquals("weight decay must be a finite number >= 0, got -1.0", decay.getMessage());
  }

  static float[] toFloats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }
}
