package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrategiesTest {

  static List<String> ids() {
    return Strategies.ids();
  }

  @Test
  void listsTheTenIdsInAStableOrder() {
    assertEquals(
        List.of(
            "softmax-ce",
            "linear",
            "sigmoid",
            "tanh",
            "exp-gb",
            "pow3-gb",
            "mirrored-exp",
            "rescaled-square",
            "squentropy",
            "label-smoothing-ce"),
        Strategies.ids());
    assertThrows(UnsupportedOperationException.class, () -> Strategies.ids().add("x"));
  }

  @ParameterizedTest
  @MethodSource("ids")
  void createsEachStrategyWithItsDefaults(String id) {
    OutputStrategy strategy = Strategies.create(id);
    assertEquals(id, strategy.id());
    assertEquals(StrategyConfig.defaults(id), strategy.config());
    DeltaLoss loss = assertInstanceOf(DeltaLoss.class, strategy.loss());
    assertSame(strategy, loss.strategy());
    if (TestConfigs.hasOutputBlock(id)) {
      assertInstanceOf(StrategyOutputBlock.class, strategy.outputBlock());
    }
    assertEquals(strategy, Strategies.create(StrategyConfig.defaults(id)));
    assertEquals(strategy.hashCode(), Strategies.create(id).hashCode());
  }

  @ParameterizedTest
  @MethodSource("ids")
  void createsWithTheGivenConfiguration(String id) {
    StrategyConfig config = TestConfigs.nonDefault(id);
    OutputStrategy strategy = Strategies.create(config);
    assertEquals(config, strategy.config());
    assertNotEquals(Strategies.create(id), strategy);
  }

  @Test
  void rejectsUnknownIdsListingTheValidOnes() {
    IllegalArgumentException e =
        StrategyConfigTest.assertMessage(() -> Strategies.create("relu"), "unknown", "'relu'");
    assertEquals(
        "unknown strategy id 'relu'; valid ids: softmax-ce, linear, sigmoid, tanh, exp-gb, pow3-gb,"
            + " mirrored-exp, rescaled-square, squentropy, label-smoothing-ce",
        e.getMessage());
  }
}
