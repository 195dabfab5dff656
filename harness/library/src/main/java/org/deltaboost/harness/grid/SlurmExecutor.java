package org.deltaboost.harness.grid;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.deltaboost.records.AtomicFileWrite;

/**
 * Runs a grid's trials as one Slurm job array: writes {@value #SCRIPT} ({@link SlurmBatchScript})
 * into {@code DIR/slurm/}, submits {@code sbatch --parsable --array=<indexes>%<max parallel>} with
 * the task logs in {@code DIR/slurm/logs/<job>_<task>.out}, appends {@code <job> <array>} to {@code
 * DIR/slurm/}{@value #JOBS}, then polls {@code squeue} until no task of the job is left. A task
 * gone from the queue with its trial unfinished (failed, cancelled, out of time) is failed. Slurm's
 * accounting is not needed: the trial folders say what finished.
 *
 * <p>The grid folder must be on a file system every node sees, at the same path.
 */
public final class SlurmExecutor implements TrialBatchExecutor {

  /** The folder inside the grid folder that holds the script, the job list and the task logs. */
  public static final String FOLDER = "slurm";

  /** The batch script's name. */
  public static final String SCRIPT = "trials.sbatch";

  /** The list of submitted jobs, one {@code <job id> <array>} line each. */
  public static final String JOBS = "jobs.txt";

  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  /** Consecutive failed squeue calls before watching the job is given up. */
  private static final int SQUEUE_ATTEMPTS = 5;

  private final List<String> launcher;
  private final int maxParallel;
  private final List<String> options;
  private final Duration poll;

  /**
   * @param launcher the command that starts the harness's CLI on the compute nodes
   * @param maxParallel at most this many tasks run at once ({@code %P}); 0 for Slurm's choice
   * @param options the user's sbatch options ({@link SlurmBatchScript#options})
   * @param poll how often the queue is looked at
   */
  public SlurmExecutor(
      List<String> launcher, int maxParallel, List<String> options, Duration poll) {
    if (maxParallel < 0) {
      throw new IllegalArgumentException("--max-parallel must be >= 0, got " + maxParallel);
    }
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, got " + poll);
    }
    this.launcher = List.copyOf(launcher);
    this.maxParallel = maxParallel;
    this.options = List.copyOf(options);
    this.poll = poll;
    new SlurmBatchScript(this.launcher, "", this.options); // checks the options now
  }

  @Override
  public Map<Integer, String> executeAll(
      GridPlan plan, List<Integer> indexes, Consumer<GridProgress> progress) throws IOException {
    return await(plan, submit(plan, indexes), indexes, progress);
  }

  /**
   * Writes the script and submits trials {@code indexes} as one array job.
   *
   * @return the job id
   * @throws IOException when sbatch cannot be run or refuses, with what it said
   */
  public String submit(GridPlan plan, List<Integer> indexes) throws IOException {
    if (indexes.isEmpty()) {
      throw new IllegalArgumentException("no trials to submit");
    }
    Path folder = plan.folder().toAbsolutePath();
    Path slurm = folder.resolve(FOLDER);
    Files.createDirectories(slurm.resolve("logs"));
    refuseWhileQueued(slurm.resolve(JOBS), folder);
    Path script = slurm.resolve(SCRIPT);
    AtomicFileWrite.write(
        script,
        new SlurmBatchScript(launcher, folder.toString(), options)
            .text()
            .getBytes(StandardCharsets.UTF_8));
    try {
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // sbatch reads the script itself; the mode only helps people who run it by hand
    }
    String array = arraySpec(indexes) + (maxParallel > 0 ? "%" + maxParallel : "");
    List<String> command =
        List.of(
            "sbatch",
            "--parsable",
            "--job-name=deltaboost-" + folder.getFileName(),
            "--output=" + slurm.resolve("logs") + "/%A_%a.out",
            "--array=" + array,
            script.toString());
    CommandResult submitted = run(command);
    String jobId = submitted.output().strip().split(";", 2)[0];
    if (submitted.status() != 0 || !jobId.matches("\\d+")) {
      throw new IOException(
          "sbatch refused the grid's job array (exit status "
              + submitted.status()
              + "): "
              + submitted.output().strip());
    }
    Files.writeString(
        slurm.resolve(JOBS),
        jobId + " " + array + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return jobId;
  }

  /**
   * Polls the queue until no task of job {@code jobId} is left, telling {@code progress} the counts
   * whenever they change.
   *
   * @param indexes the trials the job runs
   * @return the failed trials: index to a line naming the task and its log
   * @throws IOException when squeue keeps failing
   */
  public Map<Integer, String> await(
      GridPlan plan, String jobId, List<Integer> indexes, Consumer<GridProgress> progress)
      throws IOException {
    Map<Integer, Boolean> ended = new HashMap<>(); // index -> finished
    Map<Integer, String> failures = new TreeMap<>();
    GridProgress reported = null;
    int squeueFailures = 0;
    try {
      while (true) {
        Map<Integer, String> queued;
        try {
          queued = queue().getOrDefault(jobId, Map.of());
          squeueFailures = 0;
        } catch (IOException e) {
          if (++squeueFailures >= SQUEUE_ATTEMPTS) {
            throw e;
          }
          Thread.sleep(poll.toMillis());
          continue;
        }
        int running = 0;
        int pending = 0;
        for (int index : indexes) {
          if (ended.containsKey(index)) {
            continue;
          }
          String state = queued.get(index);
          if (state == null) {
            boolean finished = GridRunner.finishedRecord(plan, index) != null;
            ended.put(index, finished);
            if (!finished) {
              failures.put(
                  index,
                  "array task "
                      + jobId
                      + "_"
                      + index
                      + " ended with the trial unfinished; log: "
                      + log(plan, jobId, index));
            }
          } else if (state.equals("PENDING") || state.equals("REQUEUED")) {
            pending++;
          } else {
            running++;
          }
        }
        int done = (int) ended.values().stream().filter(f -> f).count();
        GridProgress now = new GridProgress(done, running, pending, failures.size());
        if (!now.equals(reported)) {
          progress.accept(now);
          reported = now;
        }
        if (running + pending == 0) {
          return failures;
        }
        Thread.sleep(poll.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "interrupted while waiting for Slurm job " + jobId + " (it goes on; collect it later)");
    }
  }

  /** Refuses to submit while a job this grid submitted before still has tasks in the queue. */
  private static void refuseWhileQueued(Path jobs, Path folder) throws IOException {
    if (!Files.exists(jobs)) {
      return;
    }
    Map<String, Map<Integer, String>> queue = null;
    for (String line : Files.readAllLines(jobs, StandardCharsets.UTF_8)) {
      String job = line.strip().split("\\s+", 2)[0];
      if (!job.matches("\\d+")) {
        continue;
      }
      if (queue == null) {
        queue = queue();
      }
      int left = queue.getOrDefault(job, Map.of()).size();
      if (left > 0) {
        throw new IOException(
            "Slurm job "
                + job
                + " of grid "
                + folder
                + " still has "
                + left
                + " task(s) in the queue; wait for it (compare --collect summarizes what has"
                + " finished) or scancel "
                + job);
      }
    }
  }

  /** The log of trial {@code index}'s task in job {@code jobId}. */
  public static Path log(GridPlan plan, String jobId, int index) {
    return plan.folder()
        .toAbsolutePath()
        .resolve(FOLDER)
        .resolve("logs")
        .resolve(jobId + "_" + index + ".out");
  }

  /** The array of {@code indexes} in sbatch's syntax, ranges joined: {@code 0-2,5,7-8}. */
  static String arraySpec(List<Integer> indexes) {
    Set<Integer> sorted = new TreeSet<>(indexes);
    List<String> ranges = new ArrayList<>();
    Integer start = null;
    Integer previous = null;
    for (int i : sorted) {
      if (previous != null && i == previous + 1) {
        previous = i;
        continue;
      }
      if (start != null) {
        ranges.add(start.equals(previous) ? start.toString() : start + "-" + previous);
      }
      start = i;
      previous = i;
    }
    ranges.add(start.equals(previous) ? start.toString() : start + "-" + previous);
    return String.join(",", ranges);
  }

  /** The array tasks in the queue: job id to task id to state (e.g. RUNNING). */
  private static Map<String, Map<Integer, String>> queue() throws IOException {
    CommandResult squeue = run(List.of("squeue", "--noheader", "--array", "--format=%F %K %T"));
    if (squeue.status() != 0) {
      throw new IOException(
          "squeue failed (exit status " + squeue.status() + "): " + squeue.output().strip());
    }
    Map<String, Map<Integer, String>> jobs = new HashMap<>();
    for (String line : squeue.output().split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 3 && fields[1].matches("\\d+")) {
        jobs.computeIfAbsent(fields[0], j -> new HashMap<>())
            .put(Integer.parseInt(fields[1]), fields[2]);
      }
    }
    return jobs;
  }

  private record CommandResult(int status, String output) {}

  private static CommandResult run(List<String> command) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run "
              + command.get(0)
              + " (is Slurm's client installed here, with SLURM_CONF set if it needs one?): "
              + e.getMessage(),
          e);
    }
    process.getOutputStream().close();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            command.get(0) + " did not end within " + COMMAND_TIMEOUT_SECONDS + " s");
      }
      return new CommandResult(process.exitValue(), output);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + command.get(0));
    }
  }
}
