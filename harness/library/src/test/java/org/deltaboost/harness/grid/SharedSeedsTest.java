package org.deltaboost.harness.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.TrainingObserver;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.samples.SampleSet;
import org.deltaboost.harness.train.samples.TrainingData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid's paired design: for a given seed every strategy of a grid starts from the same initial
 * weights and sees the same batches in the same order. Each trial of a two-strategy, two-seed grid
 * trains for two epochs on the embedded set; its initial parameters and the sample indices of every
 * batch it was handed are recorded and compared across strategies (equal) and across seeds
 * (different, so the check can fail).
 */
class SharedSeedsTest {

  private static TrainingData embedded;

  @BeforeAll
  static void loadEmbeddedData() throws Exception {
    EngineSetup.configure();
    embedded = DatasetCatalog.load(DatasetCatalog.EMBEDDED, null);
  }

  @Test
  void everyStrategyOfASeedStartsFromTheSameWeightsAndSeesTheSameBatches(@TempDir Path dir)
      throws Exception {
    GridPlan plan =
        GridPlan.of(
            GridPlanTest.experiment(
                """
                {"description": "test", "paper": "none", "trials": 2, "targetError": 0.6,
                 "strategies": ["softmax-ce", "exp-gb", "pow3-gb"],
                 "config": {"dataset": "fashion-mnist-embedded", "model": "mlp", "epochs": 2,
                            "batchSize": 50, "seed": 11}}
                """),
            List.of(),
            Map.of(),
            dir);
    Map<String, float[]> weights = new LinkedHashMap<>();
    Map<String, List<int[]>> batches = new LinkedHashMap<>();
    for (GridTrial trial : plan.trials()) {
      Trace trace = train(trial.config());
      weights.put(trial.id(), trace.initialWeights);
      batches.put(trial.id(), trace.batches);
    }
    for (long seed : List.of(11L, 12L)) {
      float[] reference = weights.get("softmax-ce-s" + seed);
      List<int[]> referenceBatches = batches.get("softmax-ce-s" + seed);
      assertEquals(2 * 6, referenceBatches.size(), "300 samples in batches of 50, 2 epochs");
      for (String strategy : List.of("exp-gb", "pow3-gb")) {
        String id = strategy + "-s" + seed;
        assertArrayEquals(reference, weights.get(id), id + ": initial weights");
        List<int[]> seen = batches.get(id);
        assertEquals(referenceBatches.size(), seen.size(), id + ": batches");
        for (int b = 0; b < seen.size(); b++) {
          assertArrayEquals(referenceBatches.get(b), seen.get(b), id + ": batch " + b);
        }
      }
    }
    assertFalse(
        java.util.Arrays.equals(weights.get("softmax-ce-s11"), weights.get("softmax-ce-s12")),
        "another seed draws other weights");
    assertNotEquals(
        java.util.Arrays.toString(batches.get("softmax-ce-s11").get(0)),
        java.util.Arrays.toString(batches.get("softmax-ce-s12").get(0)),
        "another seed shuffles otherwise");
  }

  /** What one trial was given: its parameters before the first step and each batch's indices. */
  private static final class Trace implements TrainingObserver {
    float[] initialWeights;
    final List<int[]> batches = new ArrayList<>();

    @Override
    public void onTrainingStart(Block initialized) {
      List<Float> values = new ArrayList<>();
      for (Pair<String, Parameter> p : initialized.getParameters()) {
        for (float v : p.getValue().getArray().toFloatArray()) {
          values.add(v);
        }
      }
      initialWeights = new float[values.size()];
      for (int i = 0; i < values.size(); i++) {
        initialWeights[i] = values.get(i);
      }
    }
  }

  private static Trace train(TrainingConfig config) throws Exception {
    Trace trace = new Trace();
    SampleSet train = new RecordingSet(embedded.train().head(300), trace.batches);
    TrainingData data = new TrainingData(train, embedded.test(), "embedded", false);
    new TrainingRun(config, data, ModelCatalog.create(config, data), List.of(trace)).run();
    return trace;
  }

  /** A training set that records the sample indices of every batch it is asked for. */
  private record RecordingSet(SampleSet set, List<int[]> batches) implements SampleSet {
    @Override
    public NDList batch(NDManager manager, int[] order, int from, int n, int pass)
        throws IOException {
      batches.add(java.util.Arrays.copyOfRange(order, from, from + n));
      return set.batch(manager, order, from, n, pass);
    }

    @Override
    public String name() {
      return set.name();
    }

    @Override
    public int size() {
      return set.size();
    }

    @Override
    public Shape imageShape() {
      return set.imageShape();
    }

    @Override
    public Shape labelShape() {
      return set.labelShape();
    }

    @Override
    public int numClasses() {
      return set.numClasses();
    }

    @Override
    public List<String> classNames() {
      return set.classNames();
    }

    @Override
    public InputNormalization normalization() {
      return set.normalization();
    }

    @Override
    public SampleSet subset(int[] indices, String name) {
      return set.subset(indices, name);
    }

    @Override
    public List<SampleSet> split(double fraction, long seed) {
      return set.split(fraction, seed);
    }

    @Override
    public SampleSet forEvaluation() {
      return set.forEvaluation();
    }
  }
}
