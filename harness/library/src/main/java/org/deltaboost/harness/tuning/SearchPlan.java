package org.deltaboost.harness.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The configurations a tuning tries, in order. The first is always the baseline (the parameters the
 * base config trains with: shipped defaults unless the experiment or the user set them), so the
 * winner is never worse than the defaults on the objective. The rest come from the space:
 *
 * <ul>
 *   <li>{@code random}: every valid combination of the space, shuffled by Fisher–Yates with {@code
 *       SplittableRandom(searchSeed)}, the baseline left out; configuration {@code i + 1} is the
 *       {@code i}-th of that order. The order depends only on the space and the seed, so a larger
 *       budget extends a smaller one (its finished configurations are reused).
 *   <li>{@code grid}: every valid combination in grid order; the budget must cover them all.
 * </ul>
 *
 * A budget above the space's size tries the whole space.
 */
public final class SearchPlan {

  /** How configurations are drawn. */
  public enum Mode {
    /** Seeded random order over the space. */
    RANDOM,
    /** The whole grid. */
    GRID;

    /** Returns the lower-case name used on the command line and in tuning.json. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private SearchPlan() {}

  /**
   * Returns the configurations to try.
   *
   * @param space the values of each field
   * @param baseline the parameters of the base config, tried first
   * @param mode random or grid
   * @param searchSeed seed of the random order
   * @param budget configurations to try, baseline included; at least 1
   * @return at most {@code budget} distinct configurations, the baseline first
   */
  public static List<TunedParameters> configurations(
      SearchSpace space, TunedParameters baseline, Mode mode, long searchSeed, int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be >= 1, got " + budget);
    }
    List<TunedParameters> candidates = new ArrayList<>(space.enumerate());
    candidates.remove(baseline);
    if (mode == Mode.GRID && budget < candidates.size() + 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the grid of %s has %d configurations (plus the baseline), more than the budget %d; "
                  + "raise the budget to %d or search at random",
              space.strategy(),
              candidates.size(),
              budget,
              candidates.size() + 1));
    }
    if (mode == Mode.RANDOM) {
      SplittableRandom random = new SplittableRandom(searchSeed);
      for (int i = candidates.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        TunedParameters t = candidates.get(i);
        candidates.set(i, candidates.get(j));
        candidates.set(j, t);
      }
    }
    List<TunedParameters> plan = new ArrayList<>();
    plan.add(baseline);
    for (int i = 0; i < candidates.size() && plan.size() < budget; i++) {
      plan.add(candidates.get(i));
    }
    return plan;
  }
}
