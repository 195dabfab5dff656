package org.deltaboost.strategies;

import static org.deltaboost.strategies.GradientCheck.ELEMENTWISE_FLOOR;
import static org.deltaboost.strategies.GradientCheck.assertClose;
import static org.deltaboost.strategies.GradientCheck.gradientAt;
import static org.deltaboost.strategies.GradientCheck.tolerance;
import static org.deltaboost.strategies.GradientCheck.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrategyOutputBlockTest {

  static Object[][] cases() {
    return Arrays.stream(LinearLayerGradientTest.cases())
        .filter(c -> TestConfigs.hasOutputBlock(((StrategyConfig) c[0]).id()))
        .toArray(Object[][]::new);
  }

  static List<String> ids() {
    return Strategies.ids().stream().filter(TestConfigs::hasOutputBlock).toList();
  }

  @Test
  void rulesWhoseDeltaNeedsTheLabelHaveNoBlock() {
    for (String id : Strategies.ids()) {
      if (!TestConfigs.hasOutputBlock(id)) {
        OutputStrategy strategy = Strategies.create(id);
        UnsupportedOperationException e =
            assertThrows(UnsupportedOperationException.class, strategy::outputBlock);
        assertTrue(e.getMessage().contains(id) && e.getMessage().contains("loss()"), id);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("cases")
  void blockWithSumOfSquaresGivesTheDeltaLossGradient(
      StrategyConfig config, DataType dataType, int batchSize) {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch =
          RandomBatch.create(
              m, DeltaLossTest.seed(config, dataType, batchSize), batchSize, dataType);
      OutputStrategy strategy = Strategies.create(config);
      Block block = strategy.outputBlock();
      Loss sumOfSquares = new SumOfSquaresLoss(strategy);
      NDList labels = new NDList(batch.labels());
      ParameterStore store = new ParameterStore(m, false);

      double[] viaBlock =
          gradientAt(
              batch.z(),
              z -> sumOfSquares.evaluate(labels, block.forward(store, new NDList(z), true)));
      double[] viaDeltaLoss =
          gradientAt(batch.z(), z -> strategy.loss().evaluate(labels, new NDList(z)));

      double tolerance = tolerance(dataType);
      assertClose(viaBlock, viaDeltaLoss, tolerance, ELEMENTWISE_FLOOR, config + " block vs loss");
      assertClose(
          viaBlock,
          batch.expectedGradient(config),
          tolerance,
          ELEMENTWISE_FLOOR,
          config + " block");
    }
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("cases")
  void forwardIsTheOutputAndTheLossItsHalfSquaredError(
      StrategyConfig config, DataType dataType, int batchSize) {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch =
          RandomBatch.create(
              m, DeltaLossTest.seed(config, dataType, batchSize), batchSize, dataType);
      OutputStrategy strategy = Strategies.create(config);
      ParameterStore store = new ParameterStore(m, false);
      double[] output = values(strategy.output(batch.z()));

      for (boolean training : new boolean[] {true, false}) {
        NDArray y = strategy.outputBlock().forward(store, new NDList(batch.z()), training).head();
        assertEquals(dataType, y.getDataType());
        assertArrayEquals(output, values(y), 0.0, "forward is y(z) exactly");
        double loss =
            values(
                new SumOfSquaresLoss(strategy).evaluate(new NDList(batch.labels()), new NDList(y)))[
                0];
        double expected = 0;
        double[] targets = batch.targets(config);
        double[] reference = ReferenceRules.output(config, batch.zValues(), batch.numClasses());
        for (int i = 0; i < reference.length; i++) {
          expected += 0.5 * (reference[i] - targets[i]) * (reference[i] - targets[i]);
        }
        assertClose(loss, expected / batchSize, tolerance(dataType), config + " sum of squares");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("ids")
  void worksInsideASequentialBlock(String id) {
    try (NDManager m = NDManager.newBaseManager()) {
      Block output = Strategies.create(id).outputBlock();
      StrategyOutputBlock typed = assertInstanceOf(StrategyOutputBlock.class, output);
      assertEquals(!id.equals("sigmoid") && !id.equals("tanh"), typed.isStraightThrough());
      assertEquals(id, typed.strategy().id());
      SequentialBlock net =
          new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(output);
      Shape input = new Shape(5, 3);
      net.initialize(m, DataType.FLOAT32, input);

      assertArrayEquals(new Shape[] {new Shape(5, 4)}, net.getOutputShapes(new Shape[] {input}));
      NDArray x = m.randomUniform(-1, 1, input);
      NDArray y =
          net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      assertEquals(new Shape(5, 4), y.getShape());
      assertTrue(output.getParameters().isEmpty(), "no parameters");
    }
  }

  @Test
  void savesAndLoadsInsideASequentialBlock() throws IOException, MalformedModelException {
    try (NDManager m = NDManager.newBaseManager()) {
      Shape input = new Shape(2, 3);
      SequentialBlock saved = network("exp-gb");
      saved.initialize(m, DataType.FLOAT32, input);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      saved.saveParameters(new DataOutputStream(bytes));

      SequentialBlock loaded = network("exp-gb");
      loaded.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

      NDArray x = m.randomUniform(-1, 1, input);
      ParameterStore store = new ParameterStore(m, false);
      assertArrayEquals(
          values(saved.forward(store, new NDList(x), false).head()),
          values(loaded.forward(store, new NDList(x), false).head()),
          0.0);
    }
  }

  private static SequentialBlock network(String id) {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(4).build())
        .add(Strategies.create(id).outputBlock());
  }
}
