package org.deltaboost.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deltaboost.harness.experiments.BootstrapMedian;
import org.deltaboost.harness.experiments.Experiment;
import org.deltaboost.harness.grid.GridListener;
import org.deltaboost.harness.grid.GridOutcome;
import org.deltaboost.harness.grid.GridPlan;
import org.deltaboost.harness.grid.GridProgress;
import org.deltaboost.harness.grid.GridRunner;
import org.deltaboost.harness.grid.GridTrial;
import org.deltaboost.harness.grid.InProcessExecutor;
import org.deltaboost.harness.grid.SlurmExecutor;
import org.deltaboost.harness.grid.TrialAttempt;
import org.deltaboost.harness.grid.TrialBatchExecutor;
import org.deltaboost.harness.grid.TrialOutcome;
import org.deltaboost.harness.grid.WarmUp;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.runs.RunFolderLockedException;
import org.deltaboost.harness.runs.RunName;
import org.deltaboost.harness.runs.RunObserver;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.tuning.TunedStrategies;
import org.deltaboost.harness.tuning.TuningRecord;
import org.deltaboost.records.AtomicFileWrite;
import org.deltaboost.records.ClaimVerdict;
import org.deltaboost.records.Interval;
import org.deltaboost.records.PairedDifference;
import org.deltaboost.records.StrategySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost compare}: every (strategy, seed) trial of an experiment into {@code
 * runs/<grid>/<strategy>-s<seed>/}, then a summary per strategy over seeds, the paired differences
 * against the reference and the verdicts on the paper's claims ({@code docs/verdicts.md}). Finished
 * trials are skipped, unfinished ones resume from their checkpoint, diverged ones are recorded and
 * counted while the grid goes on. Trials run in this process one after another, in {@code
 * --parallel N} child processes, or as a Slurm job array ({@link ExecutorOptions}); {@code
 * --no-wait} only submits the array, {@code --collect} only summarizes.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Run an experiment's strategy x seed grid and summarize it per strategy (medians with",
      "bootstrap 95%% intervals over seeds), compare every strategy with a reference seed by seed,",
      "and judge the paper's claims. Re-running the same command resumes the grid."
    })
final class CompareCommand implements Callable<Integer> {

  @Mixin RunFolderOptions common;

  @Mixin ConfigOptions configOptions;

  /** Exit status when trials of the grid were left to other processes still running them. */
  static final int EXIT_INCOMPLETE = 4;

  /** The reference strategy when {@code --reference} is not given. */
  static final String DEFAULT_REFERENCE = "softmax-ce";

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
      names = "--reference",
      paramLabel = "NAME",
      description =
          "Strategy label the others are compared with, seed by seed, and claims are judged against (default: softmax-ce).")
  String reference;

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

  @Mixin ExecutorOptions executorOptions;

  @Option(
      names = "--no-wait",
      description = {
        "slurm: return once the unfinished trials are submitted (prints the job id);",
        "the same command with --collect summarizes them later."
      })
  boolean noWait;

  @Option(
      names = "--collect",
      description = {
        "Run nothing: summarize the trials of the grid (found by --experiment and --grid as usual)",
        "that have finished, and write the summary and report once all have."
      })
  boolean collect;

  @Override
  public Integer call() throws Exception {
    if (collect && noWait) {
      throw new ParameterException(
          spec.commandLine(), "--collect and --no-wait exclude each other");
    }
    TrialBatchExecutor batch = collect ? null : executorOptions.batch(spec.commandLine());
    if (noWait && executorOptions.executor != ExecutorOptions.Executor.slurm) {
      throw new ParameterException(spec.commandLine(), "--no-wait is for --executor slurm");
    }
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
    if (reference != null && !chosen.strategies().contains(reference)) {
      throw new ParameterException(
          spec.commandLine(),
          "--reference "
              + reference
              + " is not a strategy of the grid; its strategies: "
              + String.join(", ", chosen.strategies()));
    }
    Settings settings = new Settings(chosen, tunings);
    List<ConfigLayer> userLayers = configOptions.layers();
    Map<String, Object> overrides = configOptions.overrides(spec.commandLine());
    try {
      // Each arm's first trial is resolved (and checked against its tuning) before the grid
      // folder is named, so a bad value is reported first.
      for (String strategy : chosen.strategies()) {
        TrainingConfig first = chosen.trialConfig(strategy, 1, userLayers, overrides);
        if (tunings != null) {
          tunings.requireMatching(
              TunedStrategies.strategyId(chosen, strategy),
              new TrainingConfigReader().toTree(first));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    String gridName = grid != null ? grid : chosen.name() + (tunings != null ? "-tuned" : "");
    GridPlan plan;
    try {
      Path gridDir =
          RunName.resolve(
              grid != null ? "--grid" : "grid folder (the experiment's name)",
              common.runsDir,
              gridName);
      plan = GridPlan.of(chosen, userLayers, overrides, gridDir);
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
        plan.folder());
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
    if (collect) {
      if (!Files.exists(plan.folder().resolve(GridPlan.FILE))) {
        throw new java.io.IOException(
            "no grid planned in "
                + plan.folder()
                + " (no "
                + GridPlan.FILE
                + "); nothing to collect");
      }
      return finish(chosen, settings, GridRunner.collect(plan), null, out);
    }
    if (noWait) {
      return submit(executorOptions.slurm(spec.commandLine()), plan, out);
    }
    try (MetricsPortOption.Server metrics = metricsPort.start(spec, out)) {
      InProcessExecutor inProcess =
          batch == null ? new InProcessExecutor(metrics.registry()) : null;
      GridRunner runner =
          batch != null
              ? new GridRunner(batch, new Progress(out))
              : new GridRunner(inProcess, new Progress(out));
      GridOutcome outcome = runner.run(plan);
      if (inProcess != null && inProcess.warmUp() != null) {
        WarmUp w = inProcess.warmUp();
        out.printf(
            Locale.ROOT,
            "warm-up (untimed, trained before the first trial): %d samples of %s in %.1f s%n",
            w.samples(),
            w.trial(),
            w.seconds());
      }
      return finish(chosen, settings, outcome, inProcess != null ? inProcess.warmUp() : null, out);
    }
  }

  /** Submits the unfinished trials and returns, saying how to collect them. */
  private Integer submit(SlurmExecutor slurm, GridPlan plan, PrintWriter out)
      throws java.io.IOException {
    plan.write();
    List<Integer> unfinished = new ArrayList<>();
    List<TrialOutcome> trials = GridRunner.collect(plan).trials();
    for (int i = 0; i < trials.size(); i++) {
      if (!trials.get(i).finished()) {
        unfinished.add(i);
      }
    }
    if (unfinished.isEmpty()) {
      out.println("every trial of the grid has finished; collect it with --collect");
      out.flush();
      return 0;
    }
    String job = slurm.submit(plan, unfinished);
    out.printf(
        Locale.ROOT,
        "submitted Slurm job %s: %d of %d trials (logs: %s)%n"
            + "collect: the same command with --collect instead of --no-wait (squeue -j %s shows"
            + " the tasks)%n",
        job,
        unfinished.size(),
        trials.size(),
        SlurmExecutor.log(plan, job, unfinished.get(0)).getParent(),
        job);
    out.flush();
    return 0;
  }

  /** Prints each trial's progress and how it ended. */
  private final class Progress implements GridListener {
    private final PrintWriter out;

    Progress(PrintWriter out) {
      this.out = out;
    }

    @Override
    public RunObserver observer(GridTrial trial) {
      return new ConsoleReporter(out, System.err, common.progress.enabled(), label(trial));
    }

    @Override
    public void onTrialEnd(GridTrial trial, TrialAttempt attempt) {
      switch (attempt.kind()) {
        case SKIPPED ->
            out.printf(Locale.ROOT, "%s already %s, skipped%n", label(trial), attempt.detail());
        case DIVERGED ->
            out.printf(
                Locale.ROOT,
                "%s diverged, recorded; the grid goes on: %s%n",
                label(trial),
                attempt.detail());
        case LEFT_TO_OTHER ->
            out.printf(
                Locale.ROOT,
                "%s is being trained by %s; left to it, the grid goes on%n",
                label(trial),
                attempt.detail());
        case TRAINED -> {}
      }
      out.flush();
    }

    @Override
    public void onProgress(GridProgress progress) {
      out.println("[grid] " + progress.line());
      out.flush();
    }
  }

  private static String label(GridTrial trial) {
    return "[" + trial.name() + "]";
  }

  /**
   * Only when every trial has finished are the summary and the report written (under the grid
   * folder's own lock). Otherwise the finished trials' summary is printed and the command exits
   * with 1 when trials failed in other processes (each listed with its log), else with {@link
   * #EXIT_INCOMPLETE}.
   */
  private Integer finish(
      Experiment chosen, Settings settings, GridOutcome outcome, WarmUp warmUp, PrintWriter out)
      throws java.io.IOException {
    Path gridDir = outcome.plan().folder();
    List<StrategySummary> summaries = outcome.summaries(chosen.targetError(), BOOTSTRAP_SEED);
    String against = reference != null ? reference : DEFAULT_REFERENCE;
    List<PairedDifference> differences =
        outcome.pairedDifferences(against, chosen.targetError(), BOOTSTRAP_SEED);
    List<ClaimVerdict> verdicts =
        outcome.verdicts(
            chosen.claims(), against, chosen.targetError(), BOOTSTRAP_SEED, settings::of);
    if (!outcome.failed().isEmpty()) {
      out.print(render(chosen, summaries));
      out.printf(
          Locale.ROOT,
          "%d trial(s) failed; the summary above covers the finished trials only. Re-run the same"
              + " command to run them again (each resumes from its checkpoint, if any):%n",
          outcome.failed().size());
      for (TrialOutcome t : outcome.failed()) {
        out.printf(Locale.ROOT, "%s failed: %s%n", label(t.trial()), t.failure());
      }
      out.flush();
      return 1;
    }
    if (!outcome.complete() && collect) {
      List<String> unfinished = new ArrayList<>();
      outcome.unfinished().forEach(t -> unfinished.add(label(t.trial())));
      out.print(render(chosen, summaries));
      out.printf(
          Locale.ROOT,
          "grid incomplete: %d of %d trial(s) not finished yet: %s; the summary above covers the"
              + " finished trials only, summary.json and the report are written once all have%n",
          unfinished.size(),
          outcome.trials().size(),
          String.join(", ", unfinished));
      out.flush();
      return EXIT_INCOMPLETE;
    }
    if (!outcome.complete()) {
      List<String> unfinished = new ArrayList<>();
      for (TrialOutcome t : outcome.unfinished()) {
        unfinished.add(label(t.trial()) + (t.heldBy() != null ? " (" + t.heldBy() + ")" : ""));
      }
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
      writeSummary(
          gridLock.folder(),
          chosen,
          summaries,
          new Judged(against, differences, verdicts, settings.describe(), warmUp, timing()));
      out.print(render(chosen, summaries));
      out.print(renderJudged(against, differences, verdicts));
      if (!noReport) {
        Path page = org.deltaboost.reports.Report.generate(gridDir, gridDir.resolve("report"));
        out.println("report: " + page);
      }
    } catch (RunFolderLockedException e) {
      out.print(render(chosen, summaries));
      out.print(renderJudged(against, differences, verdicts));
      out.printf(
          Locale.ROOT,
          "summary.json and the report of %s are being written by %s (the same finished trials)%n",
          gridDir,
          e.holder());
    }
    out.flush();
    return 0;
  }

  private Experiment resolveExperiment() throws java.io.IOException {
    try {
      return Experiment.load(experiment).with(strategies, trials, targetError);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** The paired part of a summary: differences, verdicts and how the settings and times came. */
  private record Judged(
      String reference,
      List<PairedDifference> differences,
      List<ClaimVerdict> verdicts,
      Map<String, Object> tuning,
      WarmUp warmUp,
      String executor) {}

  private String timing() {
    if (collect) {
      return "collected (trials ran elsewhere)";
    }
    return switch (executorOptions.executor) {
      case local ->
          executorOptions.parallel > 1 ? "child processes (--parallel)" : "in this process";
      case slurm -> "Slurm job array";
    };
  }

  private static String renderJudged(
      String reference, List<PairedDifference> differences, List<ClaimVerdict> verdicts) {
    StringBuilder text = new StringBuilder();
    if (differences.isEmpty()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%nno paired differences: the grid has no strategy %s (choose one with"
                  + " --reference)%n",
              reference));
    } else {
      text.append(VerdictText.differences(reference, differences));
    }
    if (!verdicts.isEmpty()) {
      text.append(VerdictText.verdicts(verdicts));
    }
    return text.toString();
  }

  private static Map<String, Object> warmUpFields(WarmUp w) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trial", w.trial());
    fields.put("samples", w.samples());
    fields.put("seconds", w.seconds());
    return fields;
  }

  /**
   * The warm-up an earlier summary recorded: a run that trained nothing (every trial finished
   * before) keeps the warm-up of the run that trained them.
   */
  private static Object earlierWarmUp(Path summaryFile) {
    try {
      JsonNode warmUp = new ObjectMapper().readTree(summaryFile.toFile()).at("/timing/warmUp");
      return warmUp.isObject() ? warmUp : null;
    } catch (java.io.IOException e) {
      return null; // no earlier summary, or an unreadable one: nothing to keep
    }
  }

  private static void writeSummary(
      Path gridDir, Experiment experiment, List<StrategySummary> summaries, Judged judged)
      throws java.io.IOException {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("experiment", experiment.name());
    summary.put("targetError", experiment.targetError());
    summary.put("trials", experiment.trials());
    summary.put(
        "bootstrap",
        Map.of("resamples", BootstrapMedian.RESAMPLES, "seed", BOOTSTRAP_SEED, "interval", 0.95));
    summary.put("strategies", summaries);
    summary.put("reference", judged.reference());
    summary.put("differences", judged.differences());
    summary.put("verdicts", judged.verdicts());
    summary.put("tuning", judged.tuning());
    Map<String, Object> timing = new LinkedHashMap<>();
    timing.put(
        "order", "seed-major: every strategy's first seed, then every strategy's second seed, …");
    timing.put("executor", judged.executor());
    WarmUp w = judged.warmUp();
    timing.put(
        "warmUp", w != null ? warmUpFields(w) : earlierWarmUp(gridDir.resolve("summary.json")));
    summary.put("timing", timing);
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

  /** Whether strategies ran at shipped defaults or tuned ({@code --tuned}), for the verdicts. */
  private record Settings(Experiment experiment, TunedStrategies tunings) {
    String of(String strategy, String reference) {
      if (tunings == null) {
        return "shipped defaults (neither tuned)";
      }
      return tunings.fairness(
          TunedStrategies.strategyId(experiment, strategy),
          TunedStrategies.strategyId(experiment, reference));
    }

    Map<String, Object> describe() {
      Map<String, Object> tuning = new LinkedHashMap<>();
      tuning.put("mode", tunings == null ? "shipped defaults" : "tuned");
      if (tunings != null) {
        tuning.put("budgets", tunings.budgets());
        tuning.put("equalBudgets", tunings.budgets().values().stream().distinct().count() <= 1);
      }
      return tuning;
    }
  }

  private static String cell(Interval e, double scale, String format) {
    return e == null ? "-" : e.text(scale, format, "never");
  }
}
