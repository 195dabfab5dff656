package org.deltaboost.harness.cli;

import java.time.Duration;
import java.util.List;
import org.deltaboost.harness.grid.ChildProcessExecutor;
import org.deltaboost.harness.grid.SlurmExecutor;
import org.deltaboost.harness.grid.TrialBatchExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where {@code compare} and {@code tune} run their trials: in this process one after another (the
 * default), in {@code --parallel N} child processes, or as a Slurm job array. Like {@link
 * RunFolderOptions} they change where trials run, not what they compute.
 */
final class ExecutorOptions {

  /** The executors. */
  enum Executor {
    local,
    slurm
  }

  @Option(
      names = "--executor",
      defaultValue = "local",
      description = {
        "Where trials run: local (this machine) or slurm (a job array, one task per trial;",
        "the grid folder must be on a file system every node sees) (default ${DEFAULT-VALUE})."
      })
  Executor executor;

  @Option(
      names = "--parallel",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "local: run N trials at a time, each in a child process (deltaboost trial); 1 runs them in this process (default ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--max-parallel",
      defaultValue = "0",
      paramLabel = "P",
      description =
          "slurm: at most P array tasks at once (--array=...%%P); 0: no limit (default ${DEFAULT-VALUE}).")
  int maxParallel;

  @Option(
      names = "--slurm-option",
      paramLabel = "OPT",
      description = {
        "slurm: an sbatch option for every task, repeatable, e.g. --slurm-option=--partition=gpu",
        "--slurm-option=--gres=gpu:1 --slurm-option=--time=02:00:00 --slurm-option=--mem=16G",
        "--slurm-option=--account=proj (written as #SBATCH lines into DIR/slurm/trials.sbatch)."
      })
  List<String> slurmOptions = List.of();

  @Option(
      names = "--poll-seconds",
      defaultValue = "5",
      paramLabel = "S",
      description = "slurm: how often squeue is asked about the job (default ${DEFAULT-VALUE}).")
  double pollSeconds;

  /**
   * The batch executor the options ask for, or {@code null} for trials in this process one after
   * another.
   *
   * @throws ParameterException when an option does not fit the executor
   */
  TrialBatchExecutor batch(CommandLine cli) {
    return switch (executor) {
      case local -> {
        if (maxParallel != 0 || !slurmOptions.isEmpty()) {
          throw new ParameterException(
              cli, "--max-parallel and --slurm-option are for --executor slurm");
        }
        if (parallel < 1) {
          throw new ParameterException(cli, "--parallel must be >= 1, got " + parallel);
        }
        yield parallel == 1 ? null : new ChildProcessExecutor(HarnessLauncher.command(), parallel);
      }
      case slurm -> slurm(cli);
    };
  }

  /**
   * The Slurm executor the options describe.
   *
   * @throws ParameterException when an option does not fit it
   */
  SlurmExecutor slurm(CommandLine cli) {
    if (executor != Executor.slurm) {
      throw new ParameterException(cli, "this needs --executor slurm");
    }
    if (parallel != 1) {
      throw new ParameterException(
          cli, "--parallel is for --executor local; Slurm's is --max-parallel");
    }
    if (!(pollSeconds > 0)) {
      throw new ParameterException(cli, "--poll-seconds must be > 0, got " + pollSeconds);
    }
    try {
      return new SlurmExecutor(
          HarnessLauncher.command(),
          maxParallel,
          slurmOptions,
          Duration.ofMillis(Math.round(pollSeconds * 1000)));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage(), e);
    }
  }
}
