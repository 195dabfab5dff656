package org.deltaboost.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deltaboost.harness.experiments.BootstrapMedian;
import org.deltaboost.harness.experiments.Experiment;
import org.deltaboost.harness.experiments.StrategySummary;
import org.deltaboost.harness.runs.AtomicFileWrite;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.runs.RunFolderLockedException;
import org.deltaboost.harness.runs.RunName;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.harness.tuning.TunedStrategies;
import org.deltaboost.harness.tuning.TuningRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost compare}: every (strategy, seed) trial of an experiment into {@code
 * runs/<grid>/<strategy>-s<seed>/}, then a summary per strategy over seeds. Finished trials are
 * skipped, unfinished ones resume from their checkpoint, diverged ones are recorded and counted
 * while the grid goes on.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Run an experiment's strategy x seed grid and summarize it per strategy (medians with",
      "bootstrap 95%% intervals over seeds). Re-running the same command resumes the grid."
    })
final class CompareCommand implements Callable<Integer> {

  @Mixin RunFolderOptions common;

  @Mixin ConfigOptions configOptions;

  /** Exit status when trials of the grid were left to other processes still running them. */
  static final int EXIT_INCOMPLETE = 4;

  /** Seed of the bootstrap resampling in summaries. */
  static final long BOOTSTRAP_SEED = 1L;

  @Spec CommandSpec spec;

  @Option(
      names = "--experiment",
      required = true,
      paramLabel = "NAME|FILE",
      description =
          "Shipped experiment (quick, table1-fashion-mnist, table1-mnist, fig1a-cifar10-cnn5, fig1b-cifar10-allconv10, table2-imagenet-alexnet-bn, table3-voc-pixelnet) or an experiment .json file.")
  String experiment;

  @Option(
      names = "--strategies",
      split = ",",
      paramLabel = "S1,S2",
      description = "Strategies (ids or the experiment's labels); default: the experiment's.")
  List<String> strategies;

  @Option(names = "--trials", description = "Seeds per strategy (default: the experiment's).")
  Integer trials;

  @Option(
      names = "--target-error",
      paramLabel = "X",
      description =
          "Target test error (fraction) for time-to-accuracy (default: the experiment's).")
  Double targetError;

  @Option(
      names = "--grid",
      description = "Grid folder name under --runs-dir (default: the experiment's name).")
  String grid;

  @Option(
      names = "--no-report",
      description = "Skip writing the HTML report (runs/<grid>/report/).")
  boolean noReport;

  @Option(
      names = "--tuned",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "DIR",
      description = {
        "Train each strategy with the winner of its tuning (deltaboost tune): learning rate and strategy parameters.",
        "Without DIR: <runs-dir>/tune-<experiment>-<strategy>/; with DIR: DIR's tuning.json and those of its subfolders.",
        "A strategy without a finished tuning is an error. The grid defaults to <experiment>-tuned."
      })
  String tuned;

  @Mixin MetricsPortOption metricsPort;

  @Override
  public Integer call() throws Exception {
    Experiment chosen = resolveExperiment();
    TunedStrategies tunings = null;
    if (tuned != null) {
      try {
        tunings =
            TunedStrategies.find(chosen, common.runsDir, tuned.isEmpty() ? null : Path.of(tuned));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      chosen = tunings.applyTo(chosen);
    }
    List<ConfigLayer> userLayers = configOptions.layers();
    Map<String, Object> overrides = configOptions.overrides(spec.commandLine());
    // Resolve every trial's config before training anything, so a bad value fails at once.
    Map<String, List<TrainingConfig>> trialConfigs = new LinkedHashMap<>();
    try {
      for (String strategy : chosen.strategies()) {
        List<TrainingConfig> configs = new ArrayList<>();
        for (int t = 1; t <= chosen.trials(); t++) {
          configs.add(chosen.trialConfig(strategy, t, userLayers, overrides));
        }
        if (tunings != null) {
          tunings.requireMatching(
              TunedStrategies.strategyId(chosen, strategy),
              new TrainingConfigReader().toTree(configs.get(0)));
        }
        trialConfigs.put(strategy, configs);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    String gridName = grid != null ? grid : chosen.name() + (tunings != null ? "-tuned" : "");
    Path gridDir;
    try {
      gridDir =
          RunName.resolve(
              grid != null ? "--grid" : "grid folder (the experiment's name)",
              common.runsDir,
              gridName);
      for (Map.Entry<String, List<TrainingConfig>> arm : trialConfigs.entrySet()) {
        for (TrainingConfig trial : arm.getValue()) {
          RunName.resolve(
              "trial folder of strategy label '" + arm.getKey() + "'",
              gridDir,
              trialId(arm.getKey(), trial));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "compare %s: %s x %d trials -> %s%n",
        chosen.name(),
        chosen.strategies(),
        chosen.trials(),
        gridDir);
    if (tunings != null) {
      for (String strategy : tunings.winners().keySet()) {
        out.printf(
            Locale.ROOT,
            "tuned %s: %s (from %s)%n",
            strategy,
            tunings.winners().get(strategy),
            tunings.sources().get(strategy).resolve(TuningRecord.FILE));
      }
    }
    out.flush();
    try (MetricsPortOption.Server metrics = metricsPort.start(spec, out)) {
      return runGrid(chosen, trialConfigs, gridDir, metrics, out);
    }
  }

  /** A trial's folder name inside the grid. */
  private static String trialId(String strategy, TrainingConfig trial) {
    return strategy + "-s" + trial.seed();
  }

  /**
   * Runs every trial this process can lock. A trial locked by another process is left to it; at the
   * end those are looked at again, and only when every trial has finished are the summary and the
   * report written (under the grid folder's own lock). Otherwise the finished trials' summary is
   * printed and the command exits with {@link #EXIT_INCOMPLETE}.
   */
  private Integer runGrid(
      Experiment chosen,
      Map<String, List<TrainingConfig>> trialConfigs,
      Path gridDir,
      MetricsPortOption.Server metrics,
      PrintWriter out)
      throws java.io.IOException {

    Map<String, TrainingData> dataCache = new HashMap<>();
    Map<String, String> leftToOthers = new LinkedHashMap<>(); // trial label -> holder
    for (Map.Entry<String, List<TrainingConfig>> arm : trialConfigs.entrySet()) {
      for (TrainingConfig trial : arm.getValue()) {
        Path runDir = gridDir.resolve(trialId(arm.getKey(), trial));
        String label = String.format(Locale.ROOT, "[%s s%d]", arm.getKey(), trial.seed());
        try (RunFolderLock lock = RunFolderLock.acquire(runDir)) {
          if (RunRecord.exists(runDir) && RunRecord.read(runDir).finished(trial.epochs())) {
            out.printf(
                Locale.ROOT, "%s already %s, skipped%n", label, RunRecord.read(runDir).status());
          } else {
            String key = trial.dataset() + "|" + trial.dataDir() + "|" + trial.validationFraction();
            TrainingData data = dataCache.get(key);
            if (data == null) {
              data = RecordedTraining.load(trial);
              dataCache.put(key, data);
            }
            try {
              RecordedTraining.runLocked(
                  trial,
                  true,
                  data,
                  lock,
                  new ConsoleReporter(out, System.err, common.progress.enabled(), label),
                  metrics.registry(),
                  null,
                  null);
            } catch (TrainingDivergedException e) {
              out.printf(
                  Locale.ROOT,
                  "%s diverged, recorded; the grid goes on: %s%n",
                  label,
                  e.getMessage());
            }
          }
        } catch (RunFolderLockedException e) {
          out.printf(
              Locale.ROOT,
              "%s is being trained by %s; left to it, the grid goes on%n",
              label,
              e.holder());
          leftToOthers.put(label, e.holder());
        }
        out.flush();
      }
    }

    // Trials left to another process are counted once it has finished them.
    Map<String, List<RunRecord>> records = new LinkedHashMap<>();
    List<String> unfinished = new ArrayList<>();
    for (Map.Entry<String, List<TrainingConfig>> arm : trialConfigs.entrySet()) {
      List<RunRecord> armRecords = new ArrayList<>();
      for (TrainingConfig trial : arm.getValue()) {
        Path runDir = gridDir.resolve(trialId(arm.getKey(), trial));
        String label = String.format(Locale.ROOT, "[%s s%d]", arm.getKey(), trial.seed());
        RunRecord record = finishedRecord(runDir, trial);
        if (record != null) {
          armRecords.add(record);
        } else {
          unfinished.add(
              label
                  + (leftToOthers.containsKey(label) ? " (" + leftToOthers.get(label) + ")" : ""));
        }
      }
      records.put(arm.getKey(), armRecords);
    }

    List<StrategySummary> summaries = new ArrayList<>();
    for (Map.Entry<String, List<RunRecord>> arm : records.entrySet()) {
      summaries.add(
          StrategySummary.of(arm.getKey(), arm.getValue(), chosen.targetError(), BOOTSTRAP_SEED));
    }
    if (!unfinished.isEmpty()) {
      out.print(render(chosen, summaries));
      out.printf(
          Locale.ROOT,
          "grid incomplete: %d trial(s) still running in other processes: %s;"
              + " the summary above covers the finished trials only, summary.json and the report are left"
              + " to the run that finishes the grid (or re-run this command)%n",
          unfinished.size(),
          String.join(", ", unfinished));
      out.flush();
      return EXIT_INCOMPLETE;
    }
    try (RunFolderLock gridLock = RunFolderLock.acquire(gridDir)) {
      writeSummary(gridLock.folder(), chosen, summaries);
      out.print(render(chosen, summaries));
      if (!noReport) {
        Path page = org.deltaboost.reports.Report.generate(gridDir, gridDir.resolve("report"));
        out.println("report: " + page);
      }
    } catch (RunFolderLockedException e) {
      out.print(render(chosen, summaries));
      out.printf(
          Locale.ROOT,
          "summary.json and the report of %s are being written by %s (the same finished trials)%n",
          gridDir,
          e.holder());
    }
    out.flush();
    return 0;
  }

  /** The trial's record when it has finished (read under its lock), else {@code null}. */
  private static RunRecord finishedRecord(Path runDir, TrainingConfig trial)
      throws java.io.IOException {
    try (RunFolderLock lock = RunFolderLock.acquire(runDir)) {
      if (RunRecord.exists(lock.folder())) {
        RunRecord record = RunRecord.read(lock.folder());
        return record.finished(trial.epochs()) ? record : null;
      }
      return null;
    } catch (RunFolderLockedException e) {
      return null;
    }
  }

  private Experiment resolveExperiment() throws java.io.IOException {
    try {
      return Experiment.load(experiment).with(strategies, trials, targetError);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static void writeSummary(
      Path gridDir, Experiment experiment, List<StrategySummary> summaries)
      throws java.io.IOException {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("experiment", experiment.name());
    summary.put("targetError", experiment.targetError());
    summary.put("trials", experiment.trials());
    summary.put(
        "bootstrap",
        Map.of("resamples", BootstrapMedian.RESAMPLES, "seed", BOOTSTRAP_SEED, "interval", 0.95));
    summary.put("strategies", summaries.stream().map(StrategySummary::toJson).toList());
    Files.createDirectories(gridDir);
    AtomicFileWrite.write(
        gridDir.resolve("summary.json"),
        (new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary)
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  static String render(Experiment experiment, List<StrategySummary> summaries) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%nmedian over seeds [bootstrap 95%% interval]; target error %.2f%%%n",
            100 * experiment.targetError()));
    text.append(
        String.format(
            Locale.ROOT,
            "%-18s %-22s %-22s %-16s %-20s %-22s %s%n",
            "strategy",
            "final error %",
            "min error %",
            "conv. epoch",
            "epochs to target",
            "seconds to target",
            "diverged"));
    for (StrategySummary s : summaries) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-18s %-22s %-22s %-16s %-20s %-22s %d/%d%n",
              s.strategy(),
              cell(s.finalTestError(), 100, "%.2f"),
              cell(s.minTestError(), 100, "%.2f"),
              cell(s.convergenceEpoch(), 1, "%.0f"),
              cell(s.epochsToTarget(), 1, "%.0f")
                  + " ("
                  + s.reachedTarget()
                  + "/"
                  + s.completed()
                  + ")",
              cell(s.secondsToTarget(), 1, "%.1f"),
              s.diverged(),
              s.trials()));
    }
    return text.toString();
  }

  private static String cell(BootstrapMedian.Estimate e, double scale, String format) {
    if (e == null) {
      return "-";
    }
    return number(e.median(), scale, format)
        + " ["
        + number(e.low(), scale, format)
        + ", "
        + number(e.high(), scale, format)
        + "]";
  }

  private static String number(double v, double scale, String format) {
    return Double.isInfinite(v) ? "never" : String.format(Locale.ROOT, format, v * scale);
  }
}
