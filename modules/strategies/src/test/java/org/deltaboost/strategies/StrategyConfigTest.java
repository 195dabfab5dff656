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
  }

  @Test
  void withersReturnChangedCopies() {
    StrategyConfig base = StrategyConfig.defaults("exp-gb");
    assertEquals(new StrategyConfig("exp-gb", 0.5, 0, 0, 10), base.withAlpha(0.5));
    assertEquals(new StrategyConfig("exp-gb", 0.1, -2, 0, 10), base.withBeta(-2));
    assertEquals(new StrategyConfig("exp-gb", 0.1, 0, -3, 7), base.withTargets(-3, 7));
    assertEquals(StrategyConfig.defaults("exp-gb"), base, "unchanged");
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
