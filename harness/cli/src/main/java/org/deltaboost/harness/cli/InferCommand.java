package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.evaluation.SegmentationConfusionMatrix;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.train.config.DataSettings;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.SampleSet;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.onnx.OnnxException;
import org.deltaboost.onnx.OnnxModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost infer}: runs an exported ONNX model in ONNX Runtime Java over a dataset split
 * and prints its accuracy, latency percentiles at batch 1 and throughput at a larger batch. The
 * model must have been trained on the dataset asked for (its metadata names it), unless {@code
 * --allow-other-dataset} says otherwise; its input shape, normalization and kind (image or pixel
 * classifier) must always fit the dataset.
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

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Look for the dataset here first.")
  Path dataDir;

  @Option(
      names = "--split",
      defaultValue = "test",
      description = "test or train (default ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--batch-size",
      defaultValue = "256",
      description = "Throughput batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--latency-runs",
      defaultValue = "200",
      description = "Timed batch-1 runs (default ${DEFAULT-VALUE}).")
  int latencyRuns;

  @Option(
      names = "--allow-other-dataset",
      description =
          "Evaluate on a dataset other than the one the model was trained on (its metadata names it).")
  boolean allowOtherDataset;

  @Option(
      names = "--set",
      paramLabel = "FIELD=VALUE",
      description =
          "Prepare the data as in training, e.g. --set data.cropSize=227 --set data.evaluationSize=500 (data.* fields; repeatable).")
  List<String> sets;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description =
          "cpu (default), gpu (GPU 0) or gpu:ID: run through ONNX Runtime's CUDA execution provider (a build with -Pgpu; docs/gpu.md).")
  String device;

  @Override
  public Integer call() throws Exception {
    if (!split.equals("test") && !split.equals("train")) {
      throw new IllegalArgumentException("--split must be test or train, got '" + split + "'");
    }
    if (batchSize < 1 || latencyRuns < 1) {
      throw new IllegalArgumentException("--batch-size and --latency-runs must be >= 1");
    }
    Map<String, Object> overrides = FieldOverrides.parse(sets, spec.commandLine());
    for (String field : overrides.keySet()) {
      if (!field.startsWith("data.")) {
        throw new IllegalArgumentException("--set: infer takes only data.* fields, got " + field);
      }
    }
    DataSettings settings = new TrainingConfigReader().read(null, overrides).data();
    PrintWriter out = spec.commandLine().getOut();
    try (OnnxModel onnx = OnnxModel.load(model, 0, cudaDevice(device))) {
      String trainedOn = onnx.metadata().dataset();
      if (!trainedOn.equals(dataset)) {
        if (!allowOtherDataset) {
          throw new OnnxException(
              model
                  + ": trained on dataset "
                  + trainedOn
                  + ", asked to run on "
                  + dataset
                  + " (pass --allow-other-dataset to run it anyway)");
        }
        out.printf(
            "note: %s was trained on %s; running it on %s as asked%n", model, trainedOn, dataset);
      }
      evaluate(onnx, DatasetCatalog.load(dataset, dataDir, settings, 0), out);
    }
    return 0;
  }

  private void evaluate(OnnxModel onnx, TrainingData data, PrintWriter out) throws Exception {
    SampleSet chosen = split.equals("test") ? data.test() : data.train();
    try (EvaluationBatches batches = new EvaluationBatches(chosen)) {
      SampleSet set = batches.set();
      long[] expected = set.imageShape().getShape();
      if (!Arrays.equals(onnx.sampleShape(), expected)) {
        throw new OnnxException(
            model
                + ": input shape: the model takes samples of "
                + Arrays.toString(onnx.sampleShape())
                + ", dataset "
                + set.name()
                + " has "
                + Arrays.toString(expected));
      }
      InputNormalization normalization = onnx.metadata().inputNormalization();
      if (!normalization.equals(set.normalization())) {
        throw new OnnxException(
            model
                + ": input normalization: the model expects "
                + normalization
                + ", dataset "
                + set.name()
                + " is served as "
                + set.normalization());
      }
      if (onnx.dense() != data.segmentation()) {
        throw new OnnxException(
            model
                + ": the model classifies "
                + (onnx.dense() ? "pixels" : "images")
                + ", dataset "
                + dataset
                + " labels "
                + (data.segmentation() ? "pixels" : "images"));
      }
      int throughputBatch = onnx.dense() ? Math.min(batchSize, 4) : batchSize;
      long wrong = 0;
      SegmentationConfusionMatrix confusion =
          onnx.dense() ? new SegmentationConfusionMatrix(set.numClasses()) : null;
      long inferenceNanos = 0;
      for (int from = 0; from < set.size(); from += throughputBatch) {
        int n = Math.min(throughputBatch, set.size() - from);
        EvaluationBatches.Batch batch = batches.batch(from, n);
        long t = System.nanoTime();
        int[] predicted =
            onnx.dense()
                ? onnx.runDense(batch.images(), batch.shape()).predictions()
                : onnx.run(batch.images(), batch.shape()).predictions();
        inferenceNanos += System.nanoTime() - t;
        int[] truth = new int[batch.labels().length];
        for (int i = 0; i < truth.length; i++) {
          truth[i] = (int) batch.labels()[i];
        }
        if (confusion != null) {
          confusion.add(truth, predicted);
        } else {
          for (int i = 0; i < n; i++) {
            wrong += predicted[i] != truth[i] ? 1 : 0;
          }
        }
      }
      double seconds = inferenceNanos / 1e9;

      int latencySamples = Math.min(set.size(), 20);
      EvaluationBatches.Batch[] singles = new EvaluationBatches.Batch[latencySamples];
      for (int i = 0; i < latencySamples; i++) {
        singles[i] = batches.batch(i, 1);
      }
      double[] latencies = new double[latencyRuns];
      for (int i = 0; i < 20; i++) {
        runOne(onnx, singles[i % latencySamples]);
      }
      for (int i = 0; i < latencyRuns; i++) {
        EvaluationBatches.Batch one = singles[i % latencySamples];
        long t = System.nanoTime();
        runOne(onnx, one);
        latencies[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(latencies);
      out.printf(
          Locale.ROOT,
          "model %s on %s (%d samples, %s)%n",
          model,
          set.name(),
          set.size(),
          data.source());
      if (confusion != null) {
        out.printf(
            Locale.ROOT,
            "pixel error %.2f%%  mIoU %.2f%%  (scored pixels: label != 255)%n",
            100 * (1 - confusion.pixelAccuracy()),
            100 * confusion.meanIou());
      } else {
        out.printf(
            Locale.ROOT,
            "test error %.2f%%  (accuracy %.2f%%)%n",
            100.0 * wrong / set.size(),
            100.0 - 100.0 * wrong / set.size());
      }
      out.printf(
          Locale.ROOT,
          "latency at batch 1: p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n"
              + "throughput at batch %d: %.0f samples/s (inference only)%n",
          percentile(latencies, 0.50),
          percentile(latencies, 0.90),
          percentile(latencies, 0.99),
          throughputBatch,
          set.size() / seconds);
    }
  }

  private static void runOne(OnnxModel onnx, EvaluationBatches.Batch one) throws OnnxException {
    if (onnx.dense()) {
      onnx.runDense(one.images(), one.shape());
    } else {
      onnx.run(one.images(), one.shape());
    }
  }

  private static double percentile(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  /** The CUDA device id {@code --device} names, or -1 for the CPU. */
  static int cudaDevice(String device) {
    if (device.equals("cpu")) {
      return -1;
    }
    if (device.equals("gpu")) {
      return 0;
    }
    if (device.matches("gpu:\\d+")) {
      return Integer.parseInt(device.substring("gpu:".length()));
    }
    throw new IllegalArgumentException("--device must be cpu, gpu or gpu:ID, got '" + device + "'");
  }
}
