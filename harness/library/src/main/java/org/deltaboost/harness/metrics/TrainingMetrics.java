package org.deltaboost.harness.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deltaboost.harness.train.TrainingObserver;
import org.deltaboost.records.DeltaHistogram;
import org.deltaboost.records.EpochProbes;
import org.deltaboost.records.EpochResult;
import org.deltaboost.records.SoftmaxNormalization;

/**
 * A training run's Micrometer meters, every one tagged {@code run} (the run folder's name) and
 * {@code strategy}, kept in the run's own Prometheus registry (written to {@code
 * <run>/metrics.prom} in the Prometheus text format after every epoch, at the end of training and
 * when closed) and, when given, in a shared registry that an HTTP endpoint serves.
 *
 * <p>Meters (Prometheus names): per training step, {@code deltaboost_step_seconds} (Timer: compute
 * = forward, loss, backward, probes and the optimizer update) and {@code deltaboost_data_seconds}
 * (Timer: building the batch), {@code deltaboost_train_samples_total} (Counter; its rate is the
 * live throughput) and {@code deltaboost_epoch} (the epoch running); per epoch, {@code
 * deltaboost_epoch_time_seconds} and {@code deltaboost_eval_seconds} (Timers), and the last epoch's
 * {@code deltaboost_samples_per_second}, {@code deltaboost_train_loss} and {@code
 * deltaboost_test_error} (tag {@code split}: {@code test}, or {@code validation} when the run holds
 * out a validation split). Probes, once measured: {@code
 * deltaboost_softmax_normalization_mean|max|log_mean|log_max} (a value beyond the double range is
 * +Inf), {@code deltaboost_gradient_rms} per {@code parameter} with {@code output_layer} {@code
 * true|false}, and {@code deltaboost_delta_min|max} with {@code deltaboost_delta_histogram_epoch}
 * of the last delta histogram. A resumed run starts its gauges from the checkpoint's last epoch;
 * its timers count only the steps of this process.
 */
public final class TrainingMetrics implements TrainingObserver, AutoCloseable {

  /** The snapshot's file name inside the run folder. */
  public static final String FILE = "metrics.prom";

  private final Path runDirectory;
  private final PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final Tags tags;
  private final List<Timer> stepTimers = new ArrayList<>();
  private final List<Timer> dataTimers = new ArrayList<>();
  private final List<Timer> epochTimers = new ArrayList<>();
  private final List<Timer> evalTimers = new ArrayList<>();
  private final List<Counter> samples = new ArrayList<>();
  private final Level epoch = new Level();
  private final Level samplesPerSecond = new Level();
  private final Level trainLoss = new Level();
  private final Level testError = new Level();
  private final Map<String, Level> probeLevels = new HashMap<>();

  /** A gauge's current value. */
  private static final class Level {
    private volatile double value = Double.NaN;

    double value() {
      return value;
    }
  }

  /**
   * Registers the meters.
   *
   * @param runDirectory the run folder, where {@code metrics.prom} is written
   * @param strategy the strategy id (tag {@code strategy})
   * @param validation whether the run's error is measured on a validation hold-out (tag {@code
   *     split})
   * @param shared a registry served to scrapers, or {@code null}
   */
  public TrainingMetrics(
      Path runDirectory, String strategy, boolean validation, MeterRegistry shared) {
    this.runDirectory = runDirectory;
    this.tags = Tags.of("run", runDirectory.getFileName().toString(), "strategy", strategy);
    registries.add(own);
    if (shared != null) {
      registries.add(shared);
    }
    for (MeterRegistry r : registries) {
      stepTimers.add(
          Timer.builder("deltaboost.step")
              .description(
                  "Compute time of a training step: forward, loss, backward, probes, update")
              .tags(tags)
              .register(r));
      dataTimers.add(
          Timer.builder("deltaboost.data")
              .description("Time to build a training batch")
              .tags(tags)
              .register(r));
      epochTimers.add(
          Timer.builder("deltaboost.epoch.time")
              .description("Training time of an epoch (its steps, evaluation excluded)")
              .tags(tags)
              .register(r));
      evalTimers.add(
          Timer.builder("deltaboost.eval")
              .description("Time of an epoch's evaluation")
              .tags(tags)
              .register(r));
      samples.add(
          Counter.builder("deltaboost.train.samples")
              .description("Training samples stepped through")
              .tags(tags)
              .register(r));
      gauge(r, "deltaboost.epoch", "The epoch running (1-based)", tags, epoch);
      gauge(
          r,
          "deltaboost.samples.per.second",
          "Training samples per second of the last epoch",
          tags,
          samplesPerSecond);
      gauge(r, "deltaboost.train.loss", "Mean training loss of the last epoch", tags, trainLoss);
      gauge(
          r,
          "deltaboost.test.error",
          "Error of the last epoch's evaluation (fraction)",
          tags.and("split", validation ? "validation" : "test"),
          testError);
    }
  }

  private static void gauge(
      MeterRegistry r, String name, String description, Tags tags, Level level) {
    Gauge.builder(name, level, Level::value)
        .description(description)
        .tags(tags)
        .strongReference(true)
        .register(r);
  }

  /** The run's own registry (what {@code metrics.prom} holds). */
  public PrometheusMeterRegistry registry() {
    return own;
  }

  @Override
  public void onResume(List<EpochResult> done, int epochs) {
    if (!done.isEmpty()) {
      setEpochLevels(done.get(done.size() - 1));
    }
  }

  @Override
  public void onEpochStart(int epochNumber, int epochs, int steps) {
    epoch.value = epochNumber;
  }

  @Override
  public void onStepTimed(
      int epochNumber, int step, int batchSamples, long dataNanos, long computeNanos) {
    for (int i = 0; i < registries.size(); i++) {
      dataTimers.get(i).record(dataNanos, TimeUnit.NANOSECONDS);
      stepTimers.get(i).record(computeNanos, TimeUnit.NANOSECONDS);
      samples.get(i).increment(batchSamples);
    }
  }

  @Override
  public void onEpochEnd(EpochResult result, EpochProbes probes, int epochs) {
    for (int i = 0; i < registries.size(); i++) {
      epochTimers.get(i).record(Math.round(result.seconds() * 1e9), TimeUnit.NANOSECONDS);
      evalTimers.get(i).record(Math.round(result.evalSeconds() * 1e9), TimeUnit.NANOSECONDS);
    }
    setEpochLevels(result);
    SoftmaxNormalization softmax = probes.softmaxNormalization();
    if (softmax != null) {
      probe(
          "deltaboost.softmax.normalization.mean",
          "Mean over the epoch's samples of sum_k e^z_k",
          tags,
          softmax.mean() == null ? Double.POSITIVE_INFINITY : softmax.mean());
      probe(
          "deltaboost.softmax.normalization.max",
          "Maximum over the epoch's samples of sum_k e^z_k",
          tags,
          softmax.max() == null ? Double.POSITIVE_INFINITY : softmax.max());
      probe(
          "deltaboost.softmax.normalization.log.mean",
          "Mean over the epoch's samples of ln sum_k e^z_k",
          tags,
          softmax.logMean());
      probe(
          "deltaboost.softmax.normalization.log.max",
          "Maximum over the epoch's samples of ln sum_k e^z_k",
          tags,
          softmax.logMax());
    }
    if (probes.gradientRms() != null) {
      String outputLayer = probes.gradientRmsOutputLayer();
      for (Map.Entry<String, Double> e : probes.gradientRms().entrySet()) {
        boolean output = outputLayer != null && e.getKey().startsWith(outputLayer + "_");
        probe(
            "deltaboost.gradient.rms",
            "Mean over the epoch's steps of the gradient RMS of a parameter",
            tags.and("parameter", e.getKey(), "output.layer", Boolean.toString(output)),
            e.getValue());
      }
    }
    DeltaHistogram histogram = probes.deltaHistogram();
    if (histogram != null) {
      probe(
          "deltaboost.delta.min",
          "Smallest output delta of the last histogrammed first batch",
          tags,
          histogram.min());
      probe(
          "deltaboost.delta.max",
          "Largest output delta of the last histogrammed first batch",
          tags,
          histogram.max());
      probe(
          "deltaboost.delta.histogram.epoch",
          "Epoch of the last delta histogram",
          tags,
          histogram.epoch());
    }
    writeSnapshot();
  }

  private void setEpochLevels(EpochResult result) {
    epoch.value = result.epoch();
    samplesPerSecond.value = result.samplesPerSecond();
    trainLoss.value = result.trainLoss();
    testError.value = result.testError();
  }

  /** Sets a probe gauge, registering it the first time its (name, tags) is seen. */
  private void probe(String name, String description, Tags probeTags, double value) {
    String key = name + probeTags;
    Level level = probeLevels.get(key);
    if (level == null) {
      level = new Level();
      probeLevels.put(key, level);
      for (MeterRegistry r : registries) {
        gauge(r, name, description, probeTags, level);
      }
    }
    level.value = value;
  }

  @Override
  public void onTrainingEnd(ai.djl.nn.Block trained) {
    writeSnapshot();
  }

  /** Writes {@code metrics.prom} atomically: the run's meters in the Prometheus text format. */
  public void writeSnapshot() {
    Path target = runDirectory.resolve(FILE);
    Path temp = runDirectory.resolve(FILE + ".tmp");
    try {
      Files.createDirectories(runDirectory);
      Files.writeString(temp, own.scrape());
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * Writes the last snapshot and closes the run's own registry; the shared one keeps the meters.
   */
  @Override
  public void close() {
    try {
      writeSnapshot();
    } finally {
      own.close();
    }
  }
}
