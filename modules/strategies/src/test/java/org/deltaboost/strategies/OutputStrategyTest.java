package org.deltaboost.strategies;

import static org.deltaboost.strategies.GradientCheck.ELEMENTWISE_FLOOR;
import static org.deltaboost.strategies.GradientCheck.assertClose;
import static org.deltaboost.strategies.GradientCheck.tolerance;
import static org.deltaboost.strategies.GradientCheck.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure functions: output, delta, readable loss and target encoding, without autograd. */
class OutputStrategyTest {

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (StrategyConfig config : TestConfigs.all()) {
      for (DataType dataType : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
        cases.add(Arguments.of(config, dataType));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void outputDeltaAndReadableLossMatchTheReference(StrategyConfig config, DataType dataType) {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch = RandomBatch.create(m, config.hashCode(), 13, dataType);
      OutputStrategy strategy = Strategies.create(config);
      NDArray targets = strategy.encodeTargets(batch.labels(), batch.numClasses(), dataType);
      double[] t = batch.targets(config);
      double[] z = batch.zValues();
      int k = batch.numClasses();
      double tolerance = tolerance(dataType);

      NDArray output = strategy.output(batch.z());
      NDArray delta = strategy.delta(batch.z(), targets);
      assertEquals(batch.z().getShape(), output.getShape());
      assertEquals(batch.z().getShape(), delta.getShape());
      assertEquals(dataType, delta.getDataType());
      assertClose(
          values(output), ReferenceRules.output(config, z, k), tolerance, ELEMENTWISE_FLOOR, "y");
      assertClose(
          values(delta),
          ReferenceRules.delta(config, z, t, k),
          tolerance,
          ELEMENTWISE_FLOOR,
          "delta");
      assertClose(
          values(strategy.readableLoss(batch.z(), targets))[0],
          ReferenceRules.readableLoss(config, z, t, k),
          tolerance,
          "readable loss");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void argmaxOfTheOutputIsArgmaxOfTheLogits(StrategyConfig config, DataType dataType) {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch = RandomBatch.create(m, config.hashCode() + 1, 64, dataType);
      NDArray output = Strategies.create(config).output(batch.z());
      assertArrayEquals(
          batch.z().argMax(1).toLongArray(), output.argMax(1).toLongArray(), "monotone in z");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void encodesTargetsExactlyInTheRequestedType(StrategyConfig config, DataType dataType) {
    try (NDManager m = NDManager.newBaseManager()) {
      OutputStrategy strategy = Strategies.create(config);
      NDArray labels = m.create(new float[] {2, 0, 1}).reshape(3, 1);

      NDArray targets = strategy.encodeTargets(labels, 4, dataType);

      assertEquals(new Shape(3, 4), targets.getShape());
      assertEquals(dataType, targets.getDataType());
      double[] encoded = ReferenceRules.targets(new int[] {1}, 4, config);
      double n = encoded[0];
      double p = encoded[1];
      double[] expected = {n, n, p, n, p, n, n, n, n, p, n, n};
      double[] actual = values(targets);
      for (int i = 0; i < expected.length; i++) {
        double rounded = dataType == DataType.FLOAT32 ? (float) expected[i] : expected[i];
        assertEquals(rounded, actual[i], 0.0, "target " + i);
      }
    }
  }

  @Test
  void defaultEncodingIsFloat32() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray targets = Strategies.create("exp-gb").encodeTargets(m.create(new long[] {1}), 2);
      assertEquals(DataType.FLOAT32, targets.getDataType());
      assertArrayEquals(new float[] {0, 10}, targets.toFloatArray());
    }
  }

  @Test
  void rejectsBadEncodingRequestsAndShapeMismatches() {
    try (NDManager m = NDManager.newBaseManager()) {
      OutputStrategy strategy = Strategies.create("sigmoid");
      NDArray labels = m.create(new int[] {0, 1});
      StrategyConfigTest.assertMessage(
          () -> strategy.encodeTargets(labels, 2, DataType.INT32), "floating-point", "int32");
      StrategyConfigTest.assertMessage(
          () -> strategy.encodeTargets(labels, 0, DataType.FLOAT32), "numClasses", "0");
      StrategyConfigTest.assertMessage(
          () -> strategy.encodeTargets(labels, 1, DataType.FLOAT32), "label 1", "[0, 1)");
      StrategyConfigTest.assertMessage(
          () -> strategy.encodeTargets(m.create(new int[0]), 3, DataType.FLOAT32), "empty");
      StrategyConfigTest.assertMessage(
          () -> strategy.delta(m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 1))),
          "(2, 1)",
          "(2, 3)");
      StrategyConfigTest.assertMessage(
          () -> strategy.readableLoss(m.zeros(new Shape(2, 3)), m.zeros(new Shape(3, 2))),
          "(3, 2)",
          "(2, 3)");
    }
  }

  @Test
  void scalarParametersKeepTheDataTypeOfZeroDimensionalInputs() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (String id : Strategies.ids()) {
        NDArray z = m.create(0.5f);
        if (!id.equals("softmax-ce")) {
          assertEquals(DataType.FLOAT32, Strategies.create(id).output(z).getDataType(), id);
        }
      }
    }
  }
}
