package org.deltaboost.strategies;

import static org.deltaboost.strategies.GradientCheck.ELEMENTWISE_FLOOR;
import static org.deltaboost.strategies.GradientCheck.assertClose;
import static org.deltaboost.strategies.GradientCheck.gradientAt;
import static org.deltaboost.strategies.GradientCheck.tolerance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeltaLossTest {

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (StrategyConfig config : TestConfigs.all()) {
      for (DataType dataType : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
        for (int batchSize : new int[] {1, 7, 128}) {
          cases.add(Arguments.of(config, dataType, batchSize));
        }
      }
    }
    return cases;
  }

  static long seed(StrategyConfig config, DataType dataType, int batchSize) {
    return Objects.hash(config, dataType, batchSize);
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("cases")
  void gradientIsDeltaOverBatchSize(StrategyConfig config, DataType dataType, int batchSize) {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch =
          RandomBatch.create(m, seed(config, dataType, batchSize), batchSize, dataType);
      Loss loss = Strategies.create(config).loss();

      double[] gradient =
          gradientAt(batch.z(), z -> loss.evaluate(new NDList(batch.labels()), new NDList(z)));

      assertClose(
          gradient,
          batch.expectedGradient(config),
          tolerance(dataType),
          ELEMENTWISE_FLOOR,
          config + " gradient");
    }
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("cases")
  void valueIsReadableLoss(StrategyConfig config, DataType dataType, int batchSize) {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch =
          RandomBatch.create(m, seed(config, dataType, batchSize), batchSize, dataType);
      OutputStrategy strategy = Strategies.create(config);

      NDArray value = strategy.loss().evaluate(new NDList(batch.labels()), new NDList(batch.z()));
      NDArray targets = strategy.encodeTargets(batch.labels(), batch.numClasses(), dataType);
      NDArray readable = strategy.readableLoss(batch.z(), targets);

      assertEquals(new Shape(), value.getShape(), "a scalar");
      assertEquals(dataType, value.getDataType());
      double actual = GradientCheck.values(value)[0];
      assertEquals(GradientCheck.values(readable)[0], actual, 0.0, "value is the readable loss");
      double expected =
          ReferenceRules.readableLoss(
              config, batch.zValues(), batch.targets(config), batch.numClasses());
      assertClose(actual, expected, tolerance(dataType), config + " value");
    }
  }

  @Test
  void softmaxGradientEqualsDjlSoftmaxCrossEntropy() {
    for (DataType dataType : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      try (NDManager m = NDManager.newBaseManager()) {
        RandomBatch batch = RandomBatch.create(m, 11, 33, dataType);
        Loss ours = Strategies.create("softmax-ce").loss();
        Loss djl = Loss.softmaxCrossEntropyLoss();
        NDList labels = new NDList(batch.labels());

        double[] ourGradient = gradientAt(batch.z(), z -> ours.evaluate(labels, new NDList(z)));
        double[] djlGradient = gradientAt(batch.z(), z -> djl.evaluate(labels, new NDList(z)));

        assertClose(
            ourGradient, djlGradient, tolerance(dataType), ELEMENTWISE_FLOOR, "vs DJL gradient");
        double ourValue = GradientCheck.values(ours.evaluate(labels, new NDList(batch.z())))[0];
        double djlValue = GradientCheck.values(djl.evaluate(labels, new NDList(batch.z())))[0];
        assertClose(ourValue, djlValue, tolerance(dataType), "vs DJL value");
      }
    }
  }

  @Test
  void acceptsLabelsOfAnyNumericTypeAsColumnOrVector() {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch = RandomBatch.create(m, 5, 9, DataType.FLOAT64);
      StrategyConfig config = StrategyConfig.defaults("exp-gb");
      Loss loss = Strategies.create(config).loss();
      double[] expected = batch.expectedGradient(config);
      for (DataType labelType :
          new DataType[] {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.UINT8}) {
        for (Shape shape : new Shape[] {new Shape(9), new Shape(9, 1)}) {
          NDArray labels = batch.labels().toType(labelType, false).reshape(shape);
          double[] gradient =
              gradientAt(batch.z(), z -> loss.evaluate(new NDList(labels), new NDList(z)));
          assertClose(
              gradient,
              expected,
              GradientCheck.FLOAT64_TOLERANCE,
              ELEMENTWISE_FLOOR,
              labelType + " " + shape);
        }
      }
    }
  }

  @Test
  void rejectsLabelsOutsideTheClassRange() {
    try (NDManager m = NDManager.newBaseManager()) {
      Loss loss = Strategies.create("pow3-gb").loss();
      NDList z = new NDList(m.zeros(new Shape(3, 4)));

      assertMessage(loss, m.create(new int[] {0, 4, 1}), z, "label 4", "[0, 4)");
      assertMessage(loss, m.create(new long[] {0, -1, 1}), z, "label -1", "[0, 4)");
      assertMessage(loss, m.create(new float[] {0, 2.5f, 1}), z, "label 2.5", "[0, 4)");
      assertMessage(loss, m.create(new float[] {0, Float.NaN, 1}), z, "label NaN", "[0, 4)");
    }
  }

  @Test
  void rejectsShapesThatDisagree() {
    try (NDManager m = NDManager.newBaseManager()) {
      Loss loss = Strategies.create("linear").loss();
      NDList z = new NDList(m.zeros(new Shape(3, 4)));

      assertMessage(loss, m.create(new int[] {0, 1}), z, "expected 3 labels", "(3, 4)");
      assertMessage(loss, m.zeros(new Shape(3, 2)), z, "(B) or (B, 1)", "(3, 2)");
      assertMessage(
          loss,
          m.create(new int[] {0, 1, 2}),
          new NDList(m.zeros(new Shape(3))),
          "(batch, classes)");
      assertMessage(loss, m.create(new boolean[] {true, false, true}), z, "numeric", "boolean");
    }
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("cases")
  void lossOnEncodedTargetsEqualsLossOnLabelsBitForBit(
      StrategyConfig config, DataType dataType, int batchSize) {
    if (dataType != DataType.FLOAT32) {
      return; // targets from Java classes are float32, the training loop's type
    }
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch =
          RandomBatch.create(m, seed(config, dataType, batchSize), batchSize, dataType);
      OutputStrategy strategy = Strategies.create(config);
      StrategyLoss loss = strategy.loss();
      NDArray targets = strategy.encodeTargets(m, batch.labelValues(), batch.numClasses());

      double[] viaLabels =
          gradientAt(batch.z(), z -> loss.evaluate(new NDList(batch.labels()), new NDList(z)));
      double[] viaTargets = gradientAt(batch.z(), z -> loss.evaluateOnTargets(z, targets));
      assertEquals(
          GradientCheck.values(loss.evaluate(new NDList(batch.labels()), new NDList(batch.z())))[0],
          GradientCheck.values(loss.evaluateOnTargets(batch.z(), targets))[0],
          0.0,
          "value");
      assertArrayEquals(viaLabels, viaTargets, 0.0, "gradient");
    }
  }

  @Test
  void encodedTargetsOfAnotherShapeOrTypeAreRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      StrategyLoss loss = Strategies.create(StrategyConfig.defaults("exp-gb")).loss();
      NDArray z = m.zeros(new Shape(4, 10));
      assertThrows(
          IllegalArgumentException.class,
          () -> loss.evaluateOnTargets(z, m.zeros(new Shape(4, 9))));
      assertThrows(
          IllegalArgumentException.class,
          () -> loss.evaluateOnTargets(z, m.zeros(new Shape(4, 10), DataType.FLOAT64)));
      assertThrows(
          IllegalArgumentException.class,
          () -> loss.evaluateOnTargets(m.zeros(new Shape(40)), m.zeros(new Shape(40))));
    }
  }

  private static void assertMessage(Loss loss, NDArray labels, NDList z, String... parts) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loss.evaluate(new NDList(labels), z));
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' names " + part);
    }
  }
}
