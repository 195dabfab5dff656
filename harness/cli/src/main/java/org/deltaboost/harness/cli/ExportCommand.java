package org.deltaboost.harness.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.runs.RecordedRun;
import org.deltaboost.harness.runs.RunRecorder;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.SampleSet;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.onnx.ExportMetadata;
import org.deltaboost.onnx.InputForm;
import org.deltaboost.onnx.OnnxExporter;
import org.deltaboost.onnx.ParityChecker;
import org.deltaboost.onnx.ParityReport;
import org.deltaboost.onnx.TemperatureScaling;
import org.deltaboost.strategies.StrategyConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost export}: a finished run's network and trained parameters as an ONNX file,
 * checked against DJL on real test samples before it replaces {@code --out} (parity: max abs
 * difference of the logits ≤ 1e-4, argmax agreement ≥ 99.9%); a failed export leaves {@code --out}
 * as it was. With {@code --probabilities} the file has a second output softmax(z/T), T fitted on
 * data the run did not train on (paper §1.2: normalization after training never changes the
 * argmax); the expected calibration error before and after is printed.
 *
 * <p>The model takes raw 8-bit pixels, N×C×H×W as the dataset stores them, and normalizes them in
 * the graph ({@link InputForm#PIXELS}), so any runtime fed the image gets the right logits; the
 * parity check then runs on raw pixels. {@code --float-input} writes the earlier form instead,
 * float32 images normalized by the caller ({@link InputForm#NORMALIZED}). docs/export.md argues the
 * default.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export a trained run to ONNX and check it against DJL.")
final class ExportCommand implements Callable<Integer> {

  private static final int PARITY_SAMPLES = 1000;
  private static final int DENSE_PARITY_SAMPLES = 8;
  private static final int ECE_BINS = 15;
  private static final long CALIBRATION_SPLIT_SEED = 0xCA1B;

  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "DIR",
      description = "A run folder (runs/<id>).")
  Path run;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The .onnx file to write.")
  Path out;

  @Option(
      names = "--probabilities",
      description = "Add the output probabilities = softmax(z/T), T fitted on held-out data.")
  boolean probabilities;

  @Option(
      names = "--float-input",
      description =
          "Take float32 images normalized as in training instead of raw uint8 pixels (the"
              + " normalization is then only in the metadata).")
  boolean floatInput;

  @Override
  public Integer call() throws Exception {
    Path parameters = run.resolve(RunRecorder.MODEL_PARAMETERS);
    Path header = run.resolve("config.json");
    if (!Files.isRegularFile(header) || !Files.isRegularFile(parameters)) {
      throw new IllegalArgumentException(
          "--run "
              + run
              + " is not a finished run folder: it needs config.json and "
              + RunRecorder.MODEL_PARAMETERS
              + " (written when training completes)");
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode recorded = json.readTree(header.toFile());
    TrainingConfig config =
        new TrainingConfigReader()
            .readLayers(List.of(ConfigLayer.ofRunRecord(run, recorded.get("config"))), Map.of());
    TrainingData data = RecordedRun.load(config);
    StrategyConfig strategy = config.strategy().toStrategyConfig(data.train().numClasses());
    SampleSet test = data.test();
    PrintWriter console = spec.commandLine().getOut();
    if (probabilities && data.segmentation()) {
      throw new IllegalArgumentException(
          "--probabilities calibrates one class per image; "
              + config.model()
              + " classifies pixels");
    }

    Block block = ModelCatalog.create(config, data);
    Shape sampleShape = test.imageShape();
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        EvaluationBatches batches = new EvaluationBatches(test)) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(sampleShape));
      try (InputStream in = new BufferedInputStream(Files.newInputStream(parameters))) {
        block.loadParameters(manager, new DataInputStream(in));
      } catch (ai.djl.MalformedModelException e) {
        throw new IOException(
            parameters + ": not parameters of a " + config.model() + " network: " + e.getMessage(),
            e);
      }
      InputNormalization normalization = test.normalization();
      ExportMetadata metadata =
          new ExportMetadata(
              strategy.id(),
              strategy.alpha(),
              strategy.beta(),
              strategy.negativeTarget(),
              strategy.positiveTarget(),
              config.dataset(),
              test.classNames(),
              normalization,
              run.getFileName().toString());
      InputForm form = floatInput ? InputForm.NORMALIZED : InputForm.PIXELS;
      OnnxExporter.Builder exporter =
          OnnxExporter.builder(block, sampleShape).metadata(metadata).input(form);
      console.printf("input: %s%n", form.describe(sampleShape.getShape(), normalization));
      if (probabilities) {
        TemperatureScaling.Calibration calibration = calibrate(manager, block, config, data);
        exporter.probabilities(calibration.temperature());
        console.printf(
            Locale.ROOT,
            "temperature T = %.4f (fitted on %s)%nexpected calibration error (%d bins): %.4f before, %.4f after; NLL %.4f before, %.4f after%n",
            calibration.temperature(),
            config.validationFraction() > 0
                ? "the run's validation hold-out"
                : "half of the test set, scored on the other half",
            ECE_BINS,
            calibration.eceBefore(),
            calibration.eceAfter(),
            calibration.nllBefore(),
            calibration.nllAfter());
      }
      int n = Math.min(data.segmentation() ? DENSE_PARITY_SAMPLES : PARITY_SAMPLES, test.size());
      EvaluationBatches.Batch samples = batches.batch(0, n);
      byte[] pixels = floatInput ? null : batches.pixels(samples);
      // --out is replaced only by a file that passed the parity check
      exporter
          .build()
          .writeTo(
              out,
              written -> {
                ParityReport parity =
                    pixels == null
                        ? ParityChecker.compare(block, written, samples.images())
                        : ParityChecker.compare(block, written, pixels);
                console.printf("parity with DJL on %s: %s%n", test.name(), parity);
                parity.requirePassed(out.toString());
              });
      console.printf("wrote %s%n", out);
    }
    return 0;
  }

  private static TemperatureScaling.Calibration calibrate(
      NDManager manager, Block block, TrainingConfig config, TrainingData data) throws IOException {
    SampleSet fit;
    SampleSet score;
    if (config.validationFraction() > 0) {
      fit = data.withValidationHoldOut(config.validationFraction()).test();
      score = data.test();
    } else {
      List<SampleSet> halves = data.test().split(0.5, CALIBRATION_SPLIT_SEED);
      fit = halves.get(0);
      score = halves.get(1);
    }
    Scored fitScored = logits(manager, block, fit);
    Scored scoreScored = logits(manager, block, score);
    return TemperatureScaling.calibrate(
        fitScored.logits(),
        fitScored.labels(),
        scoreScored.logits(),
        scoreScored.labels(),
        ECE_BINS);
  }

  /** Logits of every sample of a set, with the labels. */
  private record Scored(float[][] logits, int[] labels) {}

  private static Scored logits(NDManager manager, Block block, SampleSet set) throws IOException {
    ParameterStore store = new ParameterStore(manager, false);
    float[][] logits = new float[set.size()][];
    int[] labels = new int[set.size()];
    int batch = 500;
    try (EvaluationBatches batches = new EvaluationBatches(set)) {
      for (int from = 0; from < set.size(); from += batch) {
        int n = Math.min(batch, set.size() - from);
        EvaluationBatches.Batch loaded = batches.batch(from, n);
        try (NDManager scope = manager.newSubManager()) {
          NDArray x = scope.create(loaded.images(), new Shape(loaded.shape()));
          float[] z = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
          int classes = z.length / n;
          for (int i = 0; i < n; i++) {
            logits[from + i] = java.util.Arrays.copyOfRange(z, i * classes, (i + 1) * classes);
            labels[from + i] = (int) loaded.labels()[i];
          }
        }
      }
    }
    return new Scored(logits, labels);
  }
}
