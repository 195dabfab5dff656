package org.deltaboost.harness.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchPlanTest {

  private static final SearchSpace SPACE = SearchSpace.shipped("exp-gb");
  private static final TunedParameters DEFAULTS = new TunedParameters(0.02, 0.1, 0.0, 0.0, 10.0);

  @Test
  void randomPlanStartsWithTheBaselineIsDistinctSeededAndExtendsWithTheBudget() {
    List<TunedParameters> eight =
        SearchPlan.configurations(SPACE, DEFAULTS, SearchPlan.Mode.RANDOM, 1, 8);
    assertEquals(8, eight.size());
    assertEquals(DEFAULTS, eight.get(0));
    assertEquals(8, new HashSet<>(eight).size());
    assertEquals(eight, SearchPlan.configurations(SPACE, DEFAULTS, SearchPlan.Mode.RANDOM, 1, 8));
    List<TunedParameters> twenty =
        SearchPlan.configurations(SPACE, DEFAULTS, SearchPlan.Mode.RANDOM, 1, 20);
    assertEquals(eight, twenty.subList(0, 8));
    assertNotEquals(
        eight, SearchPlan.configurations(SPACE, DEFAULTS, SearchPlan.Mode.RANDOM, 2, 8));
    assertTrue(twenty.stream().skip(1).allMatch(p -> SPACE.enumerate().contains(p)));
  }

  @Test
  void budgetAboveTheSpaceTriesItAllAndGridNeedsTheWholeGrid() {
    SearchSpace small =
        new SearchSpace(
            "softmax-ce", List.of(0.1, 0.2, 0.5), List.of(), List.of(), List.of(), List.of());
    TunedParameters baseline = new TunedParameters(0.2, null, null, null, null);
    // the baseline is one of the grid's points: 3 configurations in all
    assertEquals(
        3, SearchPlan.configurations(small, baseline, SearchPlan.Mode.RANDOM, 1, 10).size());
    List<TunedParameters> grid =
        SearchPlan.configurations(small, baseline, SearchPlan.Mode.GRID, 1, 3);
    assertEquals(
        List.of(
            baseline,
            new TunedParameters(0.1, null, null, null, null),
            new TunedParameters(0.5, null, null, null, null)),
        grid);
    IllegalArgumentException tooSmall =
        assertThrows(
            IllegalArgumentException.class,
            () -> SearchPlan.configurations(small, baseline, SearchPlan.Mode.GRID, 1, 2));
    assertTrue(
        tooSmall
            .getMessage()
            .contains("has 2 configurations (plus the baseline), more than the budget 2"),
        tooSmall.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SearchPlan.configurations(small, baseline, SearchPlan.Mode.RANDOM, 1, 0));
  }
}
