package org.deltaboost.harness.grid;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The batch script of a grid's Slurm job array: array task {@code I} runs trial {@code I}, {@code
 * <launcher> trial --grid DIR --index I}, its output in {@code DIR/slurm/logs/<job>_<task>.out}
 * between two lines that give its start and end times ({@code deltaboost task <job>_<task> trial
 * <I> start|end <UTC time> ...}). The script asks for requeueing, so a task that Slurm stops for a
 * node failure or preemption starts again and resumes its checkpoint.
 *
 * <p>The job's name, its array and its output file are given on the sbatch command line ({@link
 * SlurmExecutor}), where a path may hold spaces.
 *
 * @param launcher the command that starts the harness's CLI on the compute nodes (by absolute path)
 * @param gridFolder the grid folder as the compute nodes see it
 * @param options the user's sbatch options, one {@code #SBATCH} line each (e.g. {@code
 *     --partition=gpu}, {@code --gres=gpu:1}, {@code --time=02:00:00})
 */
public record SlurmBatchScript(List<String> launcher, String gridFolder, List<String> options) {

  private static final Pattern OPTION = Pattern.compile("--?[A-Za-z][^\\s]*");

  /** Checks that every option is one word that starts with a dash. */
  public SlurmBatchScript {
    launcher = List.copyOf(launcher);
    options = List.copyOf(options);
    for (String option : options) {
      if (!OPTION.matcher(option).matches()) {
        throw new IllegalArgumentException(
            "a Slurm option must be one word starting with '-', e.g. --partition=gpu; got '"
                + option
                + "'");
      }
    }
  }

  /** The script's text. */
  public String text() {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/bash\n");
    s.append("# Written by deltaboost: array task I runs trial I of the grid ")
        .append(gridFolder.replaceAll("\\p{Cntrl}", "?"))
        .append(" (grid.json).\n");
    s.append("#SBATCH --open-mode=append\n");
    s.append("#SBATCH --requeue\n");
    for (String option : options) {
      s.append("#SBATCH ").append(option).append('\n');
    }
    // Tasks must not rebuild the project the launcher runs, least of all at the same time.
    s.append("export DELTABOOST_NO_BUILD=1\n");
    s.append("task=\"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n");
    s.append(
        "echo \"deltaboost task $task trial $SLURM_ARRAY_TASK_ID start"
            + " $(date -u +%Y-%m-%dT%H:%M:%S.%NZ) on $(hostname)\"\n");
    for (String word : launcher) {
      s.append(quote(word)).append(' ');
    }
    s.append("trial --grid ")
        .append(quote(gridFolder))
        .append(" --index \"$SLURM_ARRAY_TASK_ID\" --progress never\n");
    s.append("status=$?\n");
    s.append(
        "echo \"deltaboost task $task trial $SLURM_ARRAY_TASK_ID end"
            + " $(date -u +%Y-%m-%dT%H:%M:%S.%NZ) status $status\"\n");
    s.append("exit $status\n");
    return s.toString();
  }

  /** A word for bash, in single quotes. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
