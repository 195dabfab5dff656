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
import org.deltaboost.onnx.InputForm;
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
 * --allow-other-dataset} says otherwise; its input shape and kind (image or pixel classifier) must
 * always fit the dataset. Both input forms run: a model that takes raw 8-bit pixels ({@link
 * InputForm#PIXELS}, what {@code export} writes by default) gets the dataset's stored pixels and
 * normalizes them itself; a model that takes normalized floats ({@link InputForm#NORMALIZED}:
 * {@code export --float-input}, and every file written before the pixel form) gets the images
 * normalized as in training, and its metadata's normalization must be the dataset's. The form is
 * read from the graph's input type (and checked against the metadata when the model loads).
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
      boolean pixels = onnx.inputForm() == InputForm.PIXELS;
      // a pixel model carries its own normalization; a float model needs the dataset's to be its
      if (!pixels && !normalization.equals(set.normalization())) {
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
        ModelInput input = ModelInput.of(batch, pixels ? batches : null);
        long t = System.nanoTime();
        int[] predicted = input.predict(onnx);
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
      ModelInput[] singles = new ModelInput[latencySamples];
      for (int i = 0; i < latencySamples; i++) {
        singles[i] = ModelInput.of(batches.batch(i, 1), pixels ? batches : null);
      }
      double[] latencies = new double[latencyRuns];
      for (int i = 0; i < 20; i++) {
        singles[i % latencySamples].predict(onnx);
      }
      for (int i = 0; i < latencyRuns; i++) {
        ModelInput one = singles[i % latencySamples];
        long t = System.nanoTime();
        one.predict(onnx);
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
      out.printf(
          Locale.ROOT,
          "input: %s%n",
          pixels
              ? "uint8 pixels as the dataset stores them; the model normalizes them ("
                  + normalization
                  + ")"
              : "float32 images normalized as in training (" + normalization + ")");
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

  /** A batch in the model's input form: the normalized images, or their 8-bit pixels. */
  private record ModelInput(float[] images, byte[] pixels, long[] shape) {

    /** {@code pixelSource} recovers the pixels for a pixel model; null for a float model. */
    static ModelInput of(EvaluationBatches.Batch batch, EvaluationBatches pixelSource) {
      return pixelSource == null
          ? new ModelInput(batch.images(), null, batch.shape())
          : new ModelInput(null, pixelSource.pixels(batch), batch.shape());
    }

    /** Runs the model; returns the predicted class of every sample, or of every pixel. */
    int[] predict(OnnxModel onnx) throws OnnxException {
      if (pixels != null) {
        return onnx.dense()
            ? onnx.runDense(pixels, shape).predictions()
            : onnx.run(pixels, shape).predictions();
      }
      return onnx.dense()
          ? onnx.runDense(images, shape).predictions()
          : onnx.run(images, shape).predictions();
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
