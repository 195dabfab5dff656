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
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.runs.RunName;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.train.EpochResult;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.config.ConfigLayer;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.harness.tuning.ConfigurationOutcome;
import org.deltaboost.harness.tuning.SearchPlan;
import org.deltaboost.harness.tuning.SearchSpace;
import org.deltaboost.harness.tuning.SeedOutcome;
import org.deltaboost.harness.tuning.TunedParameters;
import org.deltaboost.harness.tuning.TunedStrategies;
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

  /** One configuration with its runs' configs, one per seed. */
  private record Planned(int index, TunedParameters parameters, List<TrainingConfig> runs) {}

  @Override
  public Integer call() throws Exception {
    Experiment chosen;
    String strategyId;
    SearchSpace searchSpace;
    SearchPlan.Mode mode;
    TrainingConfig base;
    List<Planned> plan = new ArrayList<>();
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
      Map<String, Object> overrides = overrides();
      base = chosen.trialConfig(strategy, 1, userLayers, overrides);
      if (!(base.validationFraction() > 0)) {
        throw new IllegalArgumentException(
            "--validation-fraction must be in (0, 1): tuning never looks at"
                + " the test set; got "
                + base.validationFraction());
      }
      TunedParameters baseline = TunedParameters.of(base, searchSpace);
      List<TunedParameters> configurations =
          SearchPlan.configurations(searchSpace, baseline, mode, searchSeed, budget);
      for (int i = 0; i < configurations.size(); i++) {
        Map<String, Object> withParameters = new LinkedHashMap<>(overrides);
        withParameters.putAll(configurations.get(i).overrides());
        List<TrainingConfig> runs = new ArrayList<>();
        for (int t = 1; t <= seeds; t++) {
          runs.add(chosen.trialConfig(strategy, t, userLayers, withParameters));
        }
        plan.add(new Planned(i + 1, configurations.get(i), runs));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }

    Path directory;
    try {
      directory =
          RunName.resolve(
              tuningId != null ? "--tuning-id" : "tuning folder",
              common.runsDir,
              tuningId != null
                  ? tuningId
                  : TunedStrategies.defaultFolder(chosen.name(), strategyId));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    // One tune process per tuning folder: a second one is refused, naming the first.
    try (RunFolderLock lock = RunFolderLock.acquire(directory)) {
      if (lock.tookOverFrom() != null) {
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "took over %s from a process that ended without releasing it (%s)%n",
                directory,
                lock.tookOverFrom());
      }
      return tune(chosen, strategyId, searchSpace, mode, base, plan, lock.folder());
    }
  }

  private Integer tune(
      Experiment chosen,
      String strategyId,
      SearchSpace searchSpace,
      SearchPlan.Mode mode,
      TrainingConfig base,
      List<Planned> plan,
      Path directory)
      throws Exception {
    List<Long> seedList = plan.get(0).runs().stream().map(TrainingConfig::seed).toList();
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
        plan.size(),
        seeds,
        base.epochs(),
        mode,
        searchSeed,
        base.validationFraction(),
        directory);
    if (plan.size() < budget) {
      out.printf(
          Locale.ROOT,
          "the space holds only %d configurations (the baseline included): trying all%n",
          plan.size());
    }
    out.flush();
    try (MetricsPortOption.Server metrics = metricsPort.start(spec, out)) {
      TrainingData data = RecordedTraining.load(plan.get(0).runs().get(0));
      List<ConfigurationOutcome> outcomes = new ArrayList<>();
      for (Planned planned : plan) {
        out.printf(
            Locale.ROOT,
            "[%s c%03d/%d] %s%s%n",
            strategyId,
            planned.index(),
            plan.size(),
            planned.parameters(),
            planned.index() == 1 ? " (baseline)" : "");
        List<SeedOutcome> seedOutcomes = new ArrayList<>();
        for (TrainingConfig run : planned.runs()) {
          String runId = String.format(Locale.ROOT, "c%03d-s%d", planned.index(), run.seed());
          seedOutcomes.add(train(run, data, directory, runId, strategyId, metrics, out));
        }
        outcomes.add(
            ConfigurationOutcome.of(
                planned.index(), planned.index() == 1, planned.parameters(), seedOutcomes));
        record(
                chosen,
                strategyId,
                mode,
                seedList,
                base,
                searchSpace,
                outcomes.size() == plan.size(),
                outcomes)
            .write(directory);
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

  private SeedOutcome train(
      TrainingConfig run,
      TrainingData data,
      Path directory,
      String runId,
      String strategyId,
      MetricsPortOption.Server metrics,
      PrintWriter out)
      throws IOException {
    Path runDir = directory.resolve(runId);
    String label = String.format(Locale.ROOT, "[%s %s]", strategyId, runId);
    if (RunRecord.exists(runDir) && RunRecord.read(runDir).finished(run.epochs())) {
      out.printf(Locale.ROOT, "%s already %s, skipped%n", label, RunRecord.read(runDir).status());
    } else {
      try {
        RecordedTraining.run(
            run,
            new RunControl(directory, runId, true),
            data,
            new ConsoleReporter(out, System.err, common.progress.enabled(), label),
            metrics.registry());
      } catch (TrainingDivergedException e) {
        out.printf(Locale.ROOT, "%s diverged, scored as error 1: %s%n", label, e.getMessage());
      }
    }
    out.flush();
    RunRecord record = RunRecord.read(runDir);
    if (RunRecord.DIVERGED.equals(record.status())) {
      return new SeedOutcome(run.seed(), runId, record.status(), null, null, null);
    }
    List<EpochResult> epochResults = record.epochs();
    EpochResult best = epochResults.get(0);
    for (EpochResult e : epochResults) {
      if (e.testError() < best.testError()) {
        best = e;
      }
    }
    return new SeedOutcome(
        run.seed(),
        runId,
        record.status(),
        best.testError(),
        epochResults.get(epochResults.size() - 1).testError(),
        best.epoch());
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
