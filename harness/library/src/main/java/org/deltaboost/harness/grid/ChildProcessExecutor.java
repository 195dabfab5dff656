package org.deltaboost.harness.grid;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a grid's trials on this machine, at most {@code parallel} at a time, each in a child process
 * {@code <launcher> trial --grid DIR --index I} whose output goes to {@code
 * DIR/local/logs/<trial>.log}.
 */
public final class ChildProcessExecutor implements TrialBatchExecutor {

  /** The folder inside the grid folder that holds the children's logs. */
  public static final String LOGS = "local/logs";

  private static final Duration POLL = Duration.ofMillis(200);

  private final List<String> launcher;
  private final int parallel;

  /**
   * @param launcher the command that starts the harness's CLI (its arguments follow)
   * @param parallel how many children run at a time, at least 1
   */
  public ChildProcessExecutor(List<String> launcher, int parallel) {
    if (launcher.isEmpty()) {
      throw new IllegalArgumentException("the launcher command is empty");
    }
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
    }
    this.launcher = List.copyOf(launcher);
    this.parallel = parallel;
  }

  @Override
  public Map<Integer, String> executeAll(
      GridPlan plan, List<Integer> indexes, Consumer<GridProgress> progress) throws IOException {
    Path logs = plan.folder().resolve(LOGS);
    Files.createDirectories(logs);
    Deque<Integer> pending = new ArrayDeque<>(indexes);
    Map<Integer, Process> running = new LinkedHashMap<>();
    Map<Integer, String> failures = new TreeMap<>();
    int done = 0;
    GridProgress reported = null;
    try {
      while (!pending.isEmpty() || !running.isEmpty()) {
        while (running.size() < parallel && !pending.isEmpty()) {
          int index = pending.poll();
          running.put(index, start(plan, index, log(plan, index)));
        }
        for (Iterator<Map.Entry<Integer, Process>> it = running.entrySet().iterator();
            it.hasNext(); ) {
          Map.Entry<Integer, Process> child = it.next();
          if (!child.getValue().isAlive()) {
            it.remove();
            int index = child.getKey();
            int status = child.getValue().exitValue();
            if (status == 0 && GridRunner.finishedRecord(plan, index) != null) {
              done++;
            } else {
              failures.put(
                  index,
                  "trial process exited with status " + status + "; log: " + log(plan, index));
            }
          }
        }
        GridProgress now = new GridProgress(done, running.size(), pending.size(), failures.size());
        if (!now.equals(reported)) {
          progress.accept(now);
          reported = now;
        }
        if (!running.isEmpty()) {
          Thread.sleep(POLL.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for trial processes");
    } finally {
      running.values().forEach(Process::destroy); // only when interrupted or failing
    }
    return failures;
  }

  private Process start(GridPlan plan, int index, Path log) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(
        List.of(
            "trial",
            "--grid",
            plan.folder().toString(),
            "--index",
            Integer.toString(index),
            "--progress",
            "never"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Children must not rebuild the project the launcher runs, least of all at the same time.
    builder.environment().put("DELTABOOST_NO_BUILD", "1");
    Process child = builder.start();
    child.getOutputStream().close(); // it reads nothing
    return child;
  }

  /** The log of trial {@code index}'s child process. */
  public static Path log(GridPlan plan, int index) {
    return plan.folder().resolve(LOGS).resolve(plan.trials().get(index).id() + ".log");
  }
}
