package org.deltaboost.harness.cli;

import static org.deltaboost.harness.fixtures.PrometheusText.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltaboost.harness.fixtures.PrometheusText;
import org.deltaboost.harness.fixtures.Scrape;
import org.deltaboost.harness.metrics.TrainingMetrics;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetricsPortTest {

  private static final Pattern URL = Pattern.compile("metrics: (http://\\S+/metrics)");

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    return run(new StringWriter(), args);
  }

  private static Result run(StringWriter out, String... args) {
    CommandLine cli = DeltaboostCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Result(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void trainServesItsMetersWhileItRunsAndWritesThemIntoTheRunFolder(@TempDir Path runs)
      throws Exception {
    // Training runs on this thread (PyTorch's grad mode is per thread); a second one scrapes.
    StringWriter out = new StringWriter();
    AtomicBoolean trainingDone = new AtomicBoolean();
    AtomicReference<String> url = new AtomicReference<>();
    AtomicReference<Double> stepsSeenDuringTraining = new AtomicReference<>(0.0);
    List<String> failures = new CopyOnWriteArrayList<>();
    // A refused scrape counts once a later scrape succeeds: refusals at the very end are the
    // server closing with the run, before this thread hears that training is done.
    List<String> refusedSinceLastScrape = new CopyOnWriteArrayList<>();
    Thread scraper =
        new Thread(
            () -> {
              while (!trainingDone.get()) {
                if (url.get() == null) {
                  Matcher m = URL.matcher(out.toString());
                  url.set(m.find() ? m.group(1) : null);
                } else {
                  try {
                    Scrape scrape = Scrape.get(url.get());
                    failures.addAll(refusedSinceLastScrape);
                    refusedSinceLastScrape.clear();
                    if (!trainingDone.get()) {
                      if (scrape.status() != 200) {
                        failures.add("status " + scrape.status());
                      }
                      double steps =
                          PrometheusText.value(
                                  scrape.body(), "deltaboost_step_seconds_count", "run=\"m1\"")
                              .orElse(0.0);
                      stepsSeenDuringTraining.set(Math.max(steps, stepsSeenDuringTraining.get()));
                    }
                  } catch (IOException e) {
                    if (!trainingDone.get()) {
                      refusedSinceLastScrape.add("scrape failed during training: " + e);
                    }
                  }
                }
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    scraper.start();
    Result result =
        run(
            out,
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--strategy",
            "softmax-ce",
            "--epochs",
            "4",
            "--train-limit",
            "1000",
            "--batch-size",
            "50",
            "--runs-dir",
            runs.toString(),
            "--run-id",
            "m1",
            "--progress",
            "never",
            "--metrics-port",
            "0");
    trainingDone.set(true);
    scraper.join();
    assertEquals(0, result.status(), result.err() + result.out());
    assertTrue(url.get() != null, result.out());
    assertEquals(List.of(), failures);
    assertTrue(stepsSeenDuringTraining.get() > 0, "no scrape during training saw a step");
    final String served = url.get();
    assertThrows(
        IOException.class, () -> Scrape.get(served), "the endpoint lives as long as the command");

    String snapshot = Files.readString(runs.resolve("m1").resolve(TrainingMetrics.FILE));
    List<String> epochs = Files.readAllLines(runs.resolve("m1/epochs.jsonl"));
    JsonNode last = new ObjectMapper().readTree(epochs.get(epochs.size() - 1));
    assertEquals(
        80,
        require(
            snapshot, "deltaboost_step_seconds_count", "run=\"m1\"", "strategy=\"softmax-ce\""));
    assertEquals(4000, require(snapshot, "deltaboost_train_samples_total", "run=\"m1\""));
    assertEquals(
        last.get("testError").asDouble(),
        require(snapshot, "deltaboost_test_error", "split=\"test\""),
        1e-12);
    assertEquals(
        last.get("trainLoss").asDouble(),
        require(snapshot, "deltaboost_train_loss", "run=\"m1\""),
        1e-12);
  }

  @Test
  void badMetricsPortsAreUsageErrors(@TempDir Path runs) throws Exception {
    String[] train = {
      "train",
      "--dataset",
      "fashion-mnist-embedded",
      "--epochs",
      "1",
      "--train-limit",
      "64",
      "--runs-dir",
      runs.toString(),
      "--progress",
      "never",
      "--metrics-port"
    };
    Result negative = run(with(train, "-1"));
    assertEquals(2, negative.status());
    assertTrue(
        negative.err().contains("--metrics-port must be in [0, 65535] (0 = any free port), got -1"),
        negative.err());
    assertEquals(2, run(with(train, "65536")).status());
    Result notANumber = run(with(train, "http"));
    assertEquals(2, notANumber.status());
    assertTrue(notANumber.err().contains("--metrics-port"), notANumber.err());
    try (ServerSocket taken = new ServerSocket(0)) {
      Result inUse = run(with(train, Integer.toString(taken.getLocalPort())));
      assertEquals(2, inUse.status());
      assertTrue(
          inUse.err().contains("--metrics-port " + taken.getLocalPort() + ": cannot listen there"),
          inUse.err());
    }
    Result compare =
        run(
            "compare",
            "--experiment",
            "quick",
            "--runs-dir",
            runs.toString(),
            "--metrics-port",
            "-5");
    assertEquals(2, compare.status());
    assertTrue(compare.err().contains("--metrics-port must be in [0, 65535]"), compare.err());
  }

  private static String[] with(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
