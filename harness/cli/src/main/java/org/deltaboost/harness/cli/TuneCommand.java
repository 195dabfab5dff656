package org.deltaboost.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deltaboost.harness.experiments.Experiment;
import org.deltaboost.harness.grid.GridListener;
import org.deltaboost.harness.grid.GridOutcome;
import org.deltaboost.harness.grid.GridPlan;
import org.deltaboost.harness.grid.GridProgress;
import org.deltaboost.harness.grid.GridRunner;
import org.deltaboost.harness.grid.GridTrial;
import org.deltaboost.harness.grid.InProcessExecutor;
import org.deltaboost.harness.grid.TrialAttempt;
import org.deltaboost.harness.grid.TrialBatchExecutor;
import org.deltaboost.harness.grid.TrialOutcome;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.runs.RunFolderLockedException;
import org.deltaboost.harness.runs.RunName;
import org.deltaboost.harness.runs.RunObserver;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.tuning.ConfigurationOutcome;
import org.deltaboost.harness.tuning.SearchPlan;
import org.deltaboost.harness.tuning.SearchSpace;
import org.deltaboost.harness.tuning.SeedOutcome;
import org.deltaboost.harness.tuning.TunedParameters;
import org.deltaboost.harness.tuning.TunedStrategies;
import org.deltaboost.harness.tuning.TuningGrid;
import org.deltaboost.harness.tuning.TuningRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost tune}: searches one strategy's learning rate (and, for the boosted strategies,
 * α, β and targets) on a validation split held out from the training set, never the test set. Each
 * configuration ({@link SearchPlan}; the first is the baseline) trains with every seed into {@code
 * runs/<tuning>/c<NNN>-s<seed>/}, a normal run record; its score is the median over seeds of the
 * minimum validation error, a diverged seed counting as error 1 ({@link ConfigurationOutcome}).
 * Every configuration and the winner go to {@code runs/<tuning>/tuning.json} ({@link
 * TuningRecord}); running the same command again skips finished runs and resumes unfinished ones.
 * Runs train in this process one after another, in {@code --parallel N} child processes, or as a
 * Slurm job array ({@link ExecutorOptions}); with the last two, tuning.json is written once all
 * have ended.
 */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Tune a strategy's learning rate (and alpha, beta, targets for the boosted ones) on a",
      "validation split of the training set; writes runs/<tuning>/tuning.json. Re-running resumes.",
      "compare --tuned then trains each strategy with its winner."
    })
final class TuneCommand implements Callable<Integer> {

  @Mixin RunFolderOptions common;

  @Mixin ConfigOptions configOptions;

  /** The held-out fraction when neither a flag nor {@code --set} gives one. */
  static final double DEFAULT_VALIDATION_FRACTION = 0.1;

  @Spec CommandSpec spec;

  @Option(
      names = "--experiment",
      required = true,
      paramLabel = "NAME|FILE",
      description =
          "Experiment whose config (data, network, batch, momentum, seed) is the base: a shipped name or a .json file.")
  String experiment;

  @Option(
      names = "--strategy",
      required = true,
      paramLabel = "S",
      description = "Strategy id (or a label of the experiment) to tune.")
  String strategy;

  @Option(
      names = "--budget",
      required = true,
      paramLabel = "N",
      description = "Configurations to try, the baseline (the current defaults) included.")
  int budget;

  @Option(
      names = "--seeds",
      defaultValue = "2",
      paramLabel = "K",
      description =
          "Seeds per configuration: config.seed .. config.seed+K-1 (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--search",
      defaultValue = "random",
      description =
          "random (seeded order over the space) or grid (all of it) (default ${DEFAULT-VALUE}).")
  String search;

  @Option(
      names = "--search-seed",
      defaultValue = "1",
      description = "Seed of the random order (default ${DEFAULT-VALUE}).")
  long searchSeed;

  @Option(
      names = "--space",
      paramLabel = "FILE",
      description =
          "Search-space file (strategy id -> learningRate alpha beta negativeTarget positiveTarget); default: the shipped spaces.")
  Path space;

  @Option(
      names = "--tuning-id",
      paramLabel = "ID",
      description =
          "Tuning folder name under --runs-dir (default tune-<experiment>-<strategy>, where compare --tuned looks).")
  String tuningId;

  @Mixin MetricsPortOption metricsPort;

  @Mixin ExecutorOptions executorOptions;

  @Override
  public Integer call() throws Exception {
    TrialBatchExecutor batch = executorOptions.batch(spec.commandLine());
    Experiment chosen;
    String strategyId;
    SearchSpace searchSpace;
    SearchPlan.Mode mode;
    TrainingConfig base;
    Map<String, Object> overrides;
    List<TunedParameters> configurations;
    List<ConfigLayer> userLayers = configOptions.layers();
    try {
      if (budget < 1) {
        throw new IllegalArgumentException("--budget must be >= 1, got " + budget);
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
      }
      mode =
          switch (search) {
            case "random" -> SearchPlan.Mode.RANDOM;
            case "grid" -> SearchPlan.Mode.GRID;
            default ->
                throw new IllegalArgumentException(
                    "--search must be random or grid, got '" + search + "'");
          };
      chosen = Experiment.load(experiment).with(List.of(strategy), seeds, null);
      strategyId = TunedStrategies.strategyId(chosen, strategy);
      searchSpace =
          space != null ? SearchSpace.read(space, strategyId) : SearchSpace.shipped(strategyId);
      overrides = overrides();
      base = chosen.trialConfig(strategy, 1, userLayers, overrides);
      if (!(base.validationFraction() > 0)) {
        throw new IllegalArgumentException(
            "--validation-fraction must be in (0, 1): tuning never looks at"
                + " the test set; got "
                + base.validationFraction());
      }
      TunedParameters baseline = TunedParameters.of(base, searchSpace);
      configurations = SearchPlan.configurations(searchSpace, baseline, mode, searchSeed, budget);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }

    GridPlan plan;
    try {
      Path directory =
          RunName.resolve(
              tuningId != null ? "--tuning-id" : "tuning folder",
              common.runsDir,
              tuningId != null
                  ? tuningId
                  : TunedStrategies.defaultFolder(chosen.name(), strategyId));
      plan =
          TuningGrid.plan(
              chosen, strategy, strategyId, userLayers, overrides, configurations, directory);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    // One tune process per tuning folder: a second one is refused, naming the first.
    try (RunFolderLock lock = RunFolderLock.acquire(plan.folder())) {
      if (lock.tookOverFrom() != null) {
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "took over %s from a process that ended without releasing it (%s)%n",
                plan.folder(),
                lock.tookOverFrom());
      }
      return tune(chosen, strategyId, searchSpace, mode, base, configurations, plan, batch);
    }
  }

  private Integer tune(
      Experiment chosen,
      String strategyId,
      SearchSpace searchSpace,
      SearchPlan.Mode mode,
      TrainingConfig base,
      List<TunedParameters> configurations,
      GridPlan plan,
      TrialBatchExecutor batch)
      throws Exception {
    Path directory = plan.folder();
    List<Long> seedList =
        plan.trials().stream()
            .filter(t -> t.group().equals(TuningGrid.group(1)))
            .map(t -> t.config().seed())
            .toList();
    TuningRecord asked =
        record(chosen, strategyId, mode, seedList, base, searchSpace, false, List.of());
    if (TuningRecord.exists(directory)) {
      List<String> differences = TuningRecord.read(directory).differencesFrom(asked);
      if (!differences.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "tuning folder "
                + directory
                + " was started with a different search: "
                + String.join(", ", differences)
                + " (only --budget may change); choose another --tuning-id");
      }
    }

    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "tune %s on %s: %d configurations x %d seeds, %d epochs, %s search (seed %d),"
            + " validation fraction %s -> %s%n",
        strategyId,
        chosen.name(),
        configurations.size(),
        seeds,
        base.epochs(),
        mode,
        searchSeed,
        base.validationFraction(),
        directory);
    if (configurations.size() < budget) {
      out.printf(
          Locale.ROOT,
          "the space holds only %d configurations (the baseline included): trying all%n",
          configurations.size());
    }
    out.flush();
    try (MetricsPortOption.Server metrics = metricsPort.start(spec, out)) {
      InProcessExecutor executor = new InProcessExecutor(metrics.registry());
      if (batch == null) {
        executor.data(plan.trials().get(0).config()); // a dataset that fails, fails before any run
      }
      List<ConfigurationOutcome> outcomes = new ArrayList<>();
      GridListener progress =
          new GridListener() {
            @Override
            public RunObserver observer(GridTrial trial) {
              return new ConsoleReporter(
                  out, System.err, common.progress.enabled(), "[" + trial.name() + "]");
            }

            @Override
            public void onTrialStart(GridTrial trial, int index, int total, boolean first) {
              if (first) {
                int c = TuningGrid.index(trial.group());
                out.printf(
                    Locale.ROOT,
                    "[%s c%03d/%d] %s%s%n",
                    strategyId,
                    c,
                    configurations.size(),
                    configurations.get(c - 1),
                    c == 1 ? " (baseline)" : "");
              }
            }

            @Override
            public void onTrialEnd(GridTrial trial, TrialAttempt attempt) throws IOException {
              String label = "[" + trial.name() + "]";
              switch (attempt.kind()) {
                case SKIPPED ->
                    out.printf(Locale.ROOT, "%s already %s, skipped%n", label, attempt.detail());
                case DIVERGED ->
                    out.printf(
                        Locale.ROOT,
                        "%s diverged, scored as error 1: %s%n",
                        label,
                        attempt.detail());
                // The tuning folder is this process's, so only someone else's train holds a run.
                case LEFT_TO_OTHER ->
                    throw new RunFolderLockedException(
                        directory.resolve(trial.id()), attempt.detail());
                case TRAINED -> {}
              }
              out.flush();
            }

            @Override
            public void onProgress(GridProgress progress) {
              out.println("[" + strategyId + "] " + progress.line());
              out.flush();
            }

            @Override
            public void onGroupEnd(String group, List<TrialOutcome> trials) throws IOException {
              int c = TuningGrid.index(group);
              outcomes.add(TuningGrid.outcome(c, configurations.get(c - 1), trials));
              record(
                      chosen,
                      strategyId,
                      mode,
                      seedList,
                      base,
                      searchSpace,
                      outcomes.size() == configurations.size(),
                      outcomes)
                  .write(directory);
            }
          };
      GridOutcome ran =
          batch != null
              ? new GridRunner(batch, progress).run(plan)
              : new GridRunner(executor, progress).run(plan);
      if (!ran.complete()) {
        out.printf(
            Locale.ROOT,
            "%d run(s) failed; tuning.json holds the configurations whose every run finished."
                + " Re-run the same command to run them again (each resumes from its checkpoint,"
                + " if any):%n",
            ran.unfinished().size());
        for (TrialOutcome t : ran.unfinished()) {
          out.printf(
              Locale.ROOT,
              "[%s] failed: %s%n",
              t.trial().name(),
              t.failure() != null ? t.failure() : "not finished");
        }
        out.flush();
        return 1;
      }
      TuningRecord done = TuningRecord.read(directory);
      out.print(done.render());
      ConfigurationOutcome winner = done.winner();
      ConfigurationOutcome baseline = outcomes.get(0);
      out.printf(
          Locale.ROOT,
          "winner: c%d %s, score %s (baseline c1: %s)%n",
          winner.index(),
          winner.parameters(),
          percent(winner.score()),
          percent(baseline.score()));
      out.printf(Locale.ROOT, "record: %s%n", directory.resolve(TuningRecord.FILE));
      out.flush();
    }
    return 0;
  }

  private TuningRecord record(
      Experiment chosen,
      String strategyId,
      SearchPlan.Mode mode,
      List<Long> seedList,
      TrainingConfig base,
      SearchSpace searchSpace,
      boolean complete,
      List<ConfigurationOutcome> outcomes) {
    return new TuningRecord(
        strategyId,
        chosen.name(),
        TuningRecord.OBJECTIVE,
        mode.toString(),
        searchSeed,
        budget,
        seedList,
        new TrainingConfigReader().toTree(base),
        searchSpace.toJson(),
        complete,
        outcomes,
        null);
  }

  private Map<String, Object> overrides() {
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("validationFraction", DEFAULT_VALIDATION_FRACTION);
    overrides.putAll(configOptions.overrides(spec.commandLine()));
    return overrides;
  }

  private static String percent(double score) {
    return score >= SeedOutcome.DIVERGED_OBJECTIVE
        ? "diverged"
        : String.format(Locale.ROOT, "%.2f%%", 100 * score);
  }
}
