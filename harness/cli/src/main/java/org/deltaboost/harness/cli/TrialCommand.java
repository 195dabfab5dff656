package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deltaboost.harness.grid.GridListener;
import org.deltaboost.harness.grid.GridPlan;
import org.deltaboost.harness.grid.GridTrial;
import org.deltaboost.harness.grid.InProcessExecutor;
import org.deltaboost.harness.grid.TrialAttempt;
import org.deltaboost.harness.runs.RunObserver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost trial --grid DIR --index I}: runs trial {@code I} of the grid planned in {@code
 * DIR/grid.json}, as a job array task or a child process of {@code compare}/{@code tune} does. It
 * takes the trial folder's lock, skips a finished trial, resumes an unfinished one from its
 * checkpoint; a divergence is recorded and ends with status 0.
 */
@Command(
    name = "trial",
    mixinStandardHelpOptions = true,
    description = {
      "Run one trial of a planned grid (DIR/grid.json, written by compare and tune):",
      "resume it from its checkpoint, or skip it if finished. Exit status: 0 finished",
      "(completed, diverged, or already), "
          + TrialCommand.EXIT_LOCKED
          + " another live process holds it, 1 any other failure."
    })
final class TrialCommand implements Callable<Integer> {

  /** Exit status when another live process holds the trial's folder. */
  static final int EXIT_LOCKED = 5;

  @Spec CommandSpec spec;

  @Option(
      names = "--grid",
      required = true,
      paramLabel = "DIR",
      description = "The grid folder (it holds grid.json).")
  Path grid;

  @Option(
      names = "--index",
      required = true,
      paramLabel = "I",
      description = "The trial's index in the plan, from 0 (a Slurm array task's id).")
  int index;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description = "Progress bar: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  ProgressMode progress;

  @Override
  public Integer call() throws Exception {
    GridPlan plan = GridPlan.read(grid);
    if (index < 0 || index >= plan.trials().size()) {
      throw new ParameterException(
          spec.commandLine(),
          "--index must be in 0.."
              + (plan.trials().size() - 1)
              + " (the grid "
              + grid
              + " plans "
              + plan.trials().size()
              + " trials), got "
              + index);
    }
    GridTrial trial = plan.trials().get(index);
    String label = "[" + trial.name() + "]";
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT, "%s trial %d of %s -> %s%n", label, index, grid, plan.trialFolder(index));
    out.flush();
    TrialAttempt attempt =
        new InProcessExecutor(null)
            .execute(
                plan,
                index,
                new GridListener() {
                  @Override
                  public RunObserver observer(GridTrial t) {
                    return new ConsoleReporter(out, System.err, progress.enabled(), label);
                  }
                });
    switch (attempt.kind()) {
      case SKIPPED -> out.printf(Locale.ROOT, "%s already %s, skipped%n", label, attempt.detail());
      case TRAINED -> out.printf(Locale.ROOT, "%s finished%n", label);
      case DIVERGED ->
          out.printf(Locale.ROOT, "%s diverged, recorded: %s%n", label, attempt.detail());
      case LEFT_TO_OTHER -> {
        spec.commandLine()
            .getErr()
            .println(
                "deltaboost: error: trial folder "
                    + plan.trialFolder(index)
                    + " is in use by "
                    + attempt.detail()
                    + "; it is left to that process");
        return EXIT_LOCKED;
      }
    }
    out.flush();
    return 0;
  }
}
