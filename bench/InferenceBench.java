/*
 * Inference throughput of ONNX Runtime Java against DJL (the same network, the same weights, the
 * same images, logits back into Java on both sides) at batch 1 and 256, and the IDX load time of
 * Fashion-MNIST; run by bench/run (see docs/performance.md). A single-file program: bench/run
 * starts it with `java -cp <deltaboost's jars> bench/InferenceBench.java`.
 *
 * Usage: InferenceBench DATA_DIR THREADS SECONDS REPS
 *
 * Output: lines starting with "RESULT " are read by bench/bench.py:
 *   RESULT idx-load rep=<r> seconds=<s>                         (both splits from the .gz files)
 *   RESULT infer model=<m> batch=<b> side=<ort|djl> rep=<r> samples_per_s=<x>
 *   RESULT parity model=<m> <ParityReport>
 */
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.samples.InMemorySamples;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.onnx.ExportMetadata;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.onnx.OnnxExporter;
import org.deltaboost.onnx.OnnxModel;
import org.deltaboost.onnx.ParityChecker;
import org.deltaboost.strategies.StrategyConfig;

public final class InferenceBench {

  private interface Side {
    /** Runs one batch of {@code n} samples from {@code values}, returning the logits to Java. */
    float[] run(float[] values, int n) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int reps = Integer.parseInt(args[3]);
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    EngineSetup.configure();

    TrainingData data = null;
    for (int rep = 1; rep <= 3; rep++) {
      long start = System.nanoTime();
      data = DatasetCatalog.load(DatasetCatalog.FASHION_MNIST, dataDir);
      double s = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "RESULT idx-load rep=%d seconds=%.3f train=%d test=%d%n", rep, s,
          data.train().size(), data.test().size());
    }
    // Fashion-MNIST is served from memory: its test set is an in-memory image set
    ImageClassificationSet test = ((InMemorySamples) data.test()).images();
    int size = test.channels() * test.height() * test.width();
    float[] images = new float[256 * size];
    for (int i = 0; i < 256; i++) {
      test.copyScaled(i, images, i * size);
    }
    StrategyConfig strategy = StrategyConfig.defaults("softmax-ce");
    ExportMetadata metadata = new ExportMetadata(strategy.id(), strategy.alpha(), strategy.beta(),
        strategy.negativeTarget(), strategy.positiveTarget(), DatasetCatalog.FASHION_MNIST,
        test.classNames(), InputNormalization.unitInterval(), "bench");
    Path dir = Files.createTempDirectory("deltaboost-infer-bench");
    try {
      for (String name : new String[] {"mlp", "cnn5"}) {
        Engine.getInstance().setRandomSeed(1);
        Block block = ModelCatalog.create(name, test.channels(), test.height(), test.width(), test.numClasses());
        try (NDManager manager = NDManager.newBaseManager()) {
          block.initialize(manager, DataType.FLOAT32, new Shape(1, test.channels(), test.height(), test.width()));
          Path file = dir.resolve(name + ".onnx");
          OnnxExporter.builder(block, new Shape(test.channels(), test.height(), test.width()))
              .metadata(metadata).build().writeTo(file);
          try (OnnxModel onnx = OnnxModel.load(file, threads)) {
            System.out.println("RESULT parity model=" + name + " " + ParityChecker.compare(block, onnx, images));
            ParameterStore store = new ParameterStore(manager, false);
            Side ort = (values, n) -> flatten(onnx.run(slice(values, n * size), n, test.channels(), test.height(), test.width()).logits());
            Side djl = (values, n) -> {
              try (NDManager batch = manager.newSubManager()) {
                NDArray x = batch.create(slice(values, n * size), new Shape(n, test.channels(), test.height(), test.width()));
                return block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
              }
            };
            for (int n : new int[] {1, 256}) {
              for (int rep = 1; rep <= reps; rep++) {
                Side[] order = rep % 2 == 1 ? new Side[] {ort, djl} : new Side[] {djl, ort};
                for (Side side : order) {
                  double rate = throughput(side, images, n, seconds);
                  System.out.printf(Locale.ROOT, "RESULT infer model=%s batch=%d side=%s rep=%d samples_per_s=%.1f%n",
                      name, n, side == ort ? "ort" : "djl", rep, rate);
                }
              }
            }
          }
        }
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  /** Samples per second over about {@code seconds}, after a warm-up of a quarter of that. */
  private static double throughput(Side side, float[] images, int n, double seconds) throws Exception {
    long warmEnd = System.nanoTime() + (long) (seconds * 0.25e9);
    while (System.nanoTime() < warmEnd) {
      side.run(images, n);
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long samples = 0;
    float sink = 0;
    while (System.nanoTime() < end) {
      sink += side.run(images, n)[0];
      samples += n;
    }
    if (Float.isNaN(sink)) {
      System.out.println("(NaN logits)");
    }
    return samples / ((System.nanoTime() - start) / 1e9);
  }

  private static float[] slice(float[] values, int length) {
    return length == values.length ? values : java.util.Arrays.copyOf(values, length);
  }

  private static float[] flatten(float[][] rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
    }
    return flat;
  }
}
