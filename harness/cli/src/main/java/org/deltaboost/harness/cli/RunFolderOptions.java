package org.deltaboost.harness.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code train}, {@code compare} and {@code tune} share: where the config comes from
 * beyond the command's own flags, where the data and the run folders are, and how progress shows.
 */
final class RunFolderOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "JSON with TrainingConfig fields (for compare and tune: applied to every run).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "FIELD=VALUE",
      description =
          "Override any TrainingConfig field, dotted for nested ones, e.g. --set batchSize=64 --set data.cropSize=227 (repeatable; wins over the other flags).")
  List<String> sets;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Look for the dataset here first.")
  Path dataDir;

  @Option(
      names = "--runs-dir",
      defaultValue = "runs",
      description = "Where run folders go (default ${DEFAULT-VALUE}).")
  Path runsDir;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description = "Progress bar: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  ProgressMode progress;
}
