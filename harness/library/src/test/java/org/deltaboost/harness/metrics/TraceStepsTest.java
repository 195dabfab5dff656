package org.deltaboost.harness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceStepsTest {

  @Test
  void readsARangeAndASingleStep() {
    assertEquals(new TraceSteps(2, 100, 102), TraceSteps.parse("2:100-102"));
    assertEquals(new TraceSteps(1, 5, 5), TraceSteps.parse(" 1 : 5 "));
    assertEquals(3, TraceSteps.parse("2:100-102").count());
    assertEquals("2:100-102", TraceSteps.parse("2:100-102").toString());
    assertEquals(TraceSteps.parse("4:1-100"), new TraceSteps(4, 1, 100));
  }

  @Test
  void badTextNamesTheExpectedForm() {
    for (String bad : new String[] {"", "2", "2:", "a:1", "2:x-3", "2:5-", "2:-5", "2:1-2-3"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TraceSteps.parse(bad), bad);
      assertTrue(e.getMessage().contains("EPOCH:STEP or EPOCH:FROM-TO"), e.getMessage());
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> TraceSteps.parse(null))
            .getMessage()
            .contains("got nothing"));
  }

  @Test
  void badNumbersAreNamed() {
    assertEquals(
        "trace steps: the epoch must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> TraceSteps.parse("0:1")).getMessage());
    assertEquals(
        "trace steps: the first step must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> TraceSteps.parse("1:0-2")).getMessage());
    assertEquals(
        "trace steps: the last step 3 comes before the first, 5",
        assertThrows(IllegalArgumentException.class, () -> TraceSteps.parse("2:5-3")).getMessage());
    assertEquals(
        "trace steps: at most 100 steps per trace, 1-101 has 101",
        assertThrows(IllegalArgumentException.class, () -> TraceSteps.parse("2:1-101"))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> TraceSteps.parse("1:1-" + Integer.MAX_VALUE));
  }
}
