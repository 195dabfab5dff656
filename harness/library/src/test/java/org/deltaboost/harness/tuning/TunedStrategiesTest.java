package org.deltaboost.harness.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a verdict says about how its two strategies were tuned. */
class TunedStrategiesTest {

  @Test
  void equalBudgetsAreSaidOnceAndUnequalOnesAreNamed() {
    TunedStrategies tunings =
        new TunedStrategies(
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(
                "exp-gb", "8 configurations × 2 seed(s)",
                "softmax-ce", "8 configurations × 2 seed(s)",
                "linear", "4 configurations × 2 seed(s)"));
    assertEquals(
        "both tuned, equal budgets (8 configurations × 2 seed(s) each)",
        tunings.fairness("exp-gb", "softmax-ce"));
    assertEquals(
        "tuned, unequal budgets (linear: 4 configurations × 2 seed(s); softmax-ce: 8"
            + " configurations × 2 seed(s))",
        tunings.fairness("linear", "softmax-ce"));
  }
}
