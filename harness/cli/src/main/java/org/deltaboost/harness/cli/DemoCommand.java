package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.TrainingResult;
import org.deltaboost.harness.train.config.StrategySettings;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost demo}: softmax-CE against exp-GB on Fashion-MNIST (the full set when it is
 * installed, otherwise the embedded 10k subset) with the paper's MLP, then a side-by-side table.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Compare softmax-ce and exp-gb on Fashion-MNIST in a few minutes on a CPU.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--epochs", description = "Epochs per strategy (default from demo.json: 5).")
  Integer epochs;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Look for Fashion-MNIST here first.")
  Path dataDir;

  @Option(
      names = "--embedded",
      description = "Use the embedded 10k subset even when the full set is installed.")
  boolean embedded;

  @Option(
      names = "--runs-dir",
      defaultValue = "runs",
      description = "Where run folders go (default ${DEFAULT-VALUE}).")
  Path runsDir;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description = "Progress bar: ${COMPLETION-CANDIDATES}.")
  ProgressMode progress;

  @Override
  public Integer call() throws Exception {
    DemoConfig demo = DemoConfig.shipped();
    int epochCount = epochs != null ? epochs : demo.epochs();
    if (epochCount < 1) {
      throw new IllegalArgumentException("--epochs must be >= 1, got " + epochCount);
    }
    String dataset =
        embedded ? DatasetCatalog.EMBEDDED : DatasetCatalog.fashionMnistOrEmbedded(dataDir);
    TrainingData data = DatasetCatalog.load(dataset, dataDir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "deltaboost demo: MLP 784-392-50-10, %d epochs, batch %d, seed %d%n"
            + "data: %s, %d train / %d test (%s)%n",
        epochCount,
        demo.batchSize(),
        demo.seed(),
        dataset,
        data.train().size(),
        data.test().size(),
        data.source());
    out.flush();

    List<TrainingResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (StrategySettings strategy : demo.strategies()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("dataset", dataset);
      if (dataDir != null) {
        fields.put("dataDir", dataDir.toString());
      }
      fields.put("model", "mlp");
      fields.put("strategy", strategy);
      fields.put("epochs", epochCount);
      fields.put("batchSize", demo.batchSize());
      fields.put("seed", demo.seed());
      TrainingConfig config = new TrainingConfigReader().read(null, fields);
      String label = String.format(Locale.ROOT, "[%-10s]", strategy.id());
      try {
        results.add(
            RecordedTraining.run(
                config,
                RunControl.fresh(runsDir, null),
                data,
                new ConsoleReporter(
                    spec.commandLine().getOut(), System.err, progress.enabled(), label)));
      } catch (TrainingDivergedException e) {
        failures.add(e.getMessage());
      }
    }
    out.print(SideBySideTable.render(results));
    failures.forEach(f -> out.println("deltaboost: " + f));
    out.flush();
    return failures.isEmpty() ? 0 : DeltaboostCommand.EXIT_DIVERGED;
  }
}
