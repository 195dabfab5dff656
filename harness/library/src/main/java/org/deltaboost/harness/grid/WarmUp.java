package org.deltaboost.harness.grid;

import java.util.List;
import java.util.Map;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;

/**
 * The untimed run a JVM trains before its first timed trial. The first training in a JVM pays for
 * loading the engine's native libraries and for JIT compilation (measured in one {@code compare
 * --experiment quick} reported in issue 18: the same configuration took 20.2 s of training as the
 * grid's first trial and 4.9 s as its second), so without it "seconds to target" favours whichever
 * strategy does not run first. The warm-up trains one epoch of the first trial's config on {@value
 * #BATCHES} batches (fewer when the training set is smaller; the trial's {@code trainLimit} does
 * not bound it, since a few steps leave the JIT cold), evaluates on at most {@value #MAX_TEST} test
 * samples, records nothing in any run folder and is reported on its own ({@code summary.json}'s
 * {@code timing.warmUp}).
 *
 * @param trial the trial whose config it borrowed
 * @param samples training samples it stepped through
 * @param seconds its wall time, engine loading included
 */
public record WarmUp(String trial, int samples, double seconds) {

  /** Training batches of the warm-up, at most. */
  public static final int BATCHES = 50;

  /** Test samples it evaluates, at most. */
  public static final int MAX_TEST = 1000;

  /**
   * Trains the warm-up of {@code trial} on its data. A warm-up that diverges has warmed the engine
   * all the same (the trial itself then records its own divergence).
   */
  public static WarmUp of(GridTrial trial, TrainingData data) {
    TrainingConfig config = trial.config();
    int samples = Math.min(data.train().size(), BATCHES * config.batchSize());
    TrainingConfigReader reader = new TrainingConfigReader();
    TrainingConfig shortened =
        reader
            .readLayers(
                List.of(ConfigLayer.of("warm-up of " + trial.id(), reader.toTree(config))),
                Map.of("epochs", 1, "trainLimit", samples))
            .validate();
    TrainingData small =
        new TrainingData(
            data.train(),
            data.test().head(Math.min(MAX_TEST, data.test().size())),
            data.source(),
            data.topFive());
    long start = System.nanoTime();
    try {
      new TrainingRun(shortened, small, ModelCatalog.create(shortened, small), List.of()).run();
    } catch (TrainingDivergedException e) {
      // warmed all the same
    }
    return new WarmUp(trial.id(), samples, (System.nanoTime() - start) / 1e9);
  }
}
