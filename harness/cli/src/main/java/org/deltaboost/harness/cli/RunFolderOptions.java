package org.deltaboost.harness.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The run-control options {@code train}, {@code compare} and {@code tune} share: where run folders
 * go and how progress shows. Like {@code train --run-id --resume} ({@code RunRequest#resuming} in
 * the library) and {@code --metrics-port} ({@link MetricsPortOption}) they change where and how a
 * run is reported, not what it computes, so none of them is a {@code TrainingConfig} field ({@link
 * ConfigOptions} are).
 */
final class RunFolderOptions {

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
