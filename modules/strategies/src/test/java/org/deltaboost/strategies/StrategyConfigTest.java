package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrategyConfigTest {

  @Test
  void defaultsAreTheDesignTable() {
    assertEquals(
        new StrategyConfig("softmax-ce", 1, 0, 0, 1), StrategyConfig.defaults("softmax-ce"));
    assertEquals(new StrategyConfig("linear", 1, 0, 0, 1), StrategyConfig.defaults("linear"));
    assertEquals(new StrategyConfig("sigmoid", 1, 0, 0, 1), StrategyConfig.defaults("sigmoid"));
    assertEquals(new StrategyConfig("tanh", 1, 0, 0, 1), StrategyConfig.defaults("tanh"));
    assertEquals(new StrategyConfig("exp-gb", 0.1, 0, 0, 10), StrategyConfig.defaults("exp-gb"));
    assertEquals(
        new StrategyConfig("pow3-gb", 0.005, 0, -1, 5), StrategyConfig.defaults("pow3-gb"));
    assertEquals(
        new StrategyConfig("mirrored-exp", 1, 0, 0, 1), StrategyConfig.defaults("mirrored-exp"));
    assertEquals(
        new StrategyConfig("rescaled-square", 1, 0, 0, 1, 1, 0),
        StrategyConfig.defaults("rescaled-square"));
    assertEquals(
        new StrategyConfig("squentropy", 1, 0, 0, 1, 1, 0), StrategyConfig.defaults("squentropy"));
    assertEquals(
        new StrategyConfig("label-smoothing-ce", 1, 0, 0, 1, 1, 0.1),
        StrategyConfig.defaults("label-smoothing-ce"));
  }

  @Test
  void rescaledSquareDefaultsFollowTheClassCount() {
    // k, M: none below 48 classes, TIMIT's (1, 15) from 48, ImageNet's (15, 30) from 1000.
    int[][] expected = {{1, 1, 1}, {10, 1, 1}, {47, 1, 1}, {48, 1, 15}, {100, 1, 15}, {999, 1, 15}};
    for (int[] row : expected) {
      StrategyConfig config = StrategyConfig.defaults("rescaled-square", row[0]);
      assertEquals(row[1], config.trueClassWeight(), row[0] + " classes: k");
      assertEquals(row[2], config.positiveTarget(), row[0] + " classes: M");
      assertEquals(0, config.negativeTarget(), row[0] + " classes: negative target");
    }
    for (int classes : new int[] {1000, 21843}) {
      StrategyConfig config = StrategyConfig.defaults("rescaled-square", classes);
      assertEquals(15, config.trueClassWeight(), classes + " classes: k");
      assertEquals(30, config.positiveTarget(), classes + " classes: M");
    }
    for (String id : Strategies.ids()) {
      if (!id.equals("rescaled-square")) {
        assertEquals(StrategyConfig.defaults(id), StrategyConfig.defaults(id, 1000), id);
      }
    }
    assertMessage(() -> StrategyConfig.defaults("rescaled-square", 0), "numClasses", "0");
  }

  @Test
  void withersReturnChangedCopies() {
    StrategyConfig base = StrategyConfig.defaults("exp-gb");
    assertEquals(new StrategyConfig("exp-gb", 0.5, 0, 0, 10), base.withAlpha(0.5));
    assertEquals(new StrategyConfig("exp-gb", 0.1, -2, 0, 10), base.withBeta(-2));
    assertEquals(new StrategyConfig("exp-gb", 0.1, 0, -3, 7), base.withTargets(-3, 7));
    assertEquals(StrategyConfig.defaults("exp-gb"), base, "unchanged");
    StrategyConfig square = StrategyConfig.defaults("rescaled-square");
    assertEquals(
        new StrategyConfig("rescaled-square", 1, 0, 0, 1, 4.5, 0), square.withTrueClassWeight(4.5));
    StrategyConfig smoothed = StrategyConfig.defaults("label-smoothing-ce");
    assertEquals(
        new StrategyConfig("label-smoothing-ce", 1, 0, 0, 1, 1, 0.3), smoothed.withSmoothing(0.3));
    assertEquals(
        new StrategyConfig("label-smoothing-ce", 1, 0, 0, 1, 1, 0.1).withTargets(-1, 2),
        smoothed.withTargets(-1, 2));
  }

  @Test
  void rejectsAWeightOrSmoothingOutOfRange() {
    StrategyConfig square = StrategyConfig.defaults("rescaled-square");
    assertMessage(() -> square.withTrueClassWeight(0), "trueClassWeight 0.0", "greater than 0");
    assertMessage(() -> square.withTrueClassWeight(-1), "trueClassWeight -1.0", "greater than 0");
    assertMessage(() -> square.withTrueClassWeight(Double.NaN), "trueClassWeight", "NaN");
    StrategyConfig smoothed = StrategyConfig.defaults("label-smoothing-ce");
    assertMessage(() -> smoothed.withSmoothing(1), "smoothing 1.0", "[0, 1)");
    assertMessage(() -> smoothed.withSmoothing(-0.01), "smoothing -0.01", "[0, 1)");
    assertMessage(() -> smoothed.withSmoothing(Double.POSITIVE_INFINITY), "smoothing", "Infinity");
    assertEquals(0, smoothed.withSmoothing(0).smoothing(), "no smoothing is allowed");
  }

  @Test
  void rejectsNonFiniteValuesNamingTheFieldAndValue() {
    StrategyConfig base = StrategyConfig.defaults("linear");
    assertMessage(() -> base.withAlpha(Double.NaN), "alpha", "NaN");
    assertMessage(() -> base.withAlpha(Double.POSITIVE_INFINITY), "alpha", "Infinity");
    assertMessage(() -> base.withBeta(Double.NEGATIVE_INFINITY), "beta", "-Infinity");
    assertMessage(() -> base.withTargets(Double.NaN, 1), "negativeTarget", "NaN");
    assertMessage(
        () -> base.withTargets(0, Double.POSITIVE_INFINITY), "positiveTarget", "Infinity");
  }

  @Test
  void rejectsPositiveTargetNotAboveNegativeTarget() {
    StrategyConfig base = StrategyConfig.defaults("tanh");
    assertMessage(() -> base.withTargets(1, 1), "positiveTarget 1.0", "negativeTarget 1.0");
    assertMessage(() -> base.withTargets(2, -3), "positiveTarget -3.0", "negativeTarget 2.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"exp-gb", "pow3-gb", "mirrored-exp"})
  void rejectsNonPositiveAlphaWhereTheOutputScalesWithIt(String id) {
    StrategyConfig base = StrategyConfig.defaults(id);
    assertMessage(() -> base.withAlpha(0), "alpha 0.0", "greater than 0", id);
    assertMessage(() -> base.withAlpha(-0.1), "alpha -0.1", "greater than 0", id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"softmax-ce", "linear", "sigmoid", "tanh"})
  void acceptsAnyFiniteAlphaWhereItIsUnused(String id) {
    assertEquals(-2, StrategyConfig.defaults(id).withAlpha(-2).alpha());
  }

  @Test
  void rejectsUnknownIdsListingTheValidOnes() {
    IllegalArgumentException e =
        assertMessage(() -> StrategyConfig.defaults("exp_gb"), "unknown", "'exp_gb'");
    for (String id : Strategies.ids()) {
      assertTrue(e.getMessage().contains(id), e.getMessage());
    }
    assertMessage(() -> new StrategyConfig(null, 1, 0, 0, 1), "unknown", "'null'");
  }

  static IllegalArgumentException assertMessage(Executable executable, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' names " + part);
    }
    return e;
  }
}
