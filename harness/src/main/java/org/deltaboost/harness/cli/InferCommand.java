package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.train.TrainingData;
import org.deltaboost.onnx.InputNormalization;
import org.deltaboost.onnx.OnnxException;
import org.deltaboost.onnx.OnnxModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost infer}: runs an exported ONNX model in ONNX Runtime Java over a dataset split
 * and prints its accuracy, latency percentiles at batch 1 and throughput at a larger batch.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = "Evaluate an exported ONNX model with ONNX Runtime Java.")
final class InferCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "The .onnx file.")
  Path model;

  @Option(names = "--dataset", required = true, description = "Dataset name, as for train.")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Look for the dataset here first.")
  Path dataDir;

  @Option(names = "--split", defaultValue = "test", description = "test or train (default ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--batch-size", defaultValue = "256", description = "Throughput batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--latency-runs", defaultValue = "200", description = "Timed batch-1 runs (default ${DEFAULT-VALUE}).")
  int latencyRuns;

  @Override
  public Integer call() throws Exception {
    if (!split.equals("test") && !split.equals("train")) {
      throw new IllegalArgumentException("--split must be test or train, got '" + split + "'");
    }
    if (batchSize < 1 || latencyRuns < 1) {
      throw new IllegalArgumentException("--batch-size and --latency-runs must be >= 1");
    }
    TrainingData data = DatasetCatalog.load(dataset, dataDir);
    ImageClassificationSet set = split.equals("test") ? data.test() : data.train();
    PrintWriter out = spec.commandLine().getOut();
    try (OnnxModel onnx = OnnxModel.load(model)) {
      long[] expected = {set.channels(), set.height(), set.width()};
      if (!Arrays.equals(onnx.sampleShape(), expected)) {
        throw new OnnxException(
            model + ": input shape: the model takes samples of " + Arrays.toString(onnx.sampleShape())
                + ", dataset " + set.name() + " has " + Arrays.toString(expected));
      }
      InputNormalization normalization = onnx.metadata().inputNormalization();
      SampleBatcher batcher = new SampleBatcher(set, normalization);

      long wrong = 0;
      long start = System.nanoTime();
      for (int from = 0; from < set.size(); from += batchSize) {
        int n = Math.min(batchSize, set.size() - from);
        int[] predicted = onnx.run(batcher.batch(from, n), batcher.shape(n)).predictions();
        for (int i = 0; i < n; i++) {
          wrong += predicted[i] != set.label(from + i) ? 1 : 0;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;

      double[] latencies = new double[latencyRuns];
      for (int i = 0; i < 20; i++) {
        onnx.run(batcher.batch(i % set.size(), 1), batcher.shape(1));
      }
      for (int i = 0; i < latencyRuns; i++) {
        float[] one = batcher.batch(i % set.size(), 1);
        long t = System.nanoTime();
        onnx.run(one, batcher.shape(1));
        latencies[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(latencies);
      out.printf(
          Locale.ROOT,
          "model %s on %s (%d samples, %s)%n"
              + "test error %.2f%%  (accuracy %.2f%%)%n"
              + "latency at batch 1: p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n"
              + "throughput at batch %d: %.0f samples/s%n",
          model, set.name(), set.size(), data.source(),
          100.0 * wrong / set.size(), 100.0 - 100.0 * wrong / set.size(),
          percentile(latencies, 0.50), percentile(latencies, 0.90), percentile(latencies, 0.99),
          batchSize, set.size() / seconds);
    }
    return 0;
  }

  private static double percentile(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
