package org.deltaboost.harness.runs;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import org.deltaboost.harness.metrics.TraceSteps;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.samples.TrainingData;

/**
 * What {@link RecordedRun#run} trains and where: a config, its loaded data, the run folder (named
 * by {@code runsDir} and {@code runId}, or already locked by the caller), who hears the progress
 * and what else is recorded. Whether an existing folder is continued is the config's {@code
 * resume}.
 *
 * @param config the run's configuration
 * @param data its data, already loaded ({@link RecordedRun#load})
 * @param runsDir the folder holding run folders (unused with {@code lock})
 * @param runId the run's folder name, or {@code null} for {@code <strategy>-s<seed>-<time>}
 * @param lock the run folder's lock when the caller holds it (e.g. to look at the folder first),
 *     else {@code null}
 * @param observer hears the progress
 * @param served a registry (e.g. a {@code --metrics-port} endpoint's) that also gets the run's
 *     meters, or {@code null}
 * @param trace the steps to record the engine's profiler over, or {@code null}
 * @param traceConsole where the trace's summary goes (used only with {@code trace})
 * @param resume continue the folder's run from its last checkpoint ({@link #resuming})
 */
public record RunRequest(
    TrainingConfig config,
    TrainingData data,
    Path runsDir,
    String runId,
    RunFolderLock lock,
    RunObserver observer,
    MeterRegistry served,
    TraceSteps trace,
    PrintWriter traceConsole,
    boolean resume) {

  /** Checks that config, data, observer and a folder are given. */
  public RunRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(observer, "observer");
    if (lock == null && runsDir == null) {
      throw new IllegalArgumentException("a run request needs a runs folder or a held lock");
    }
    if (resume && lock == null && runId == null) {
      throw new IllegalArgumentException("resume needs the run folder's name (--run-id)");
    }
  }

  /** A run into {@code runsDir/runId} (a new name when {@code runId} is {@code null}). */
  public static RunRequest of(
      TrainingConfig config, TrainingData data, Path runsDir, String runId, RunObserver observer) {
    return new RunRequest(config, data, runsDir, runId, null, observer, null, null, null, false);
  }

  /** A run into the folder {@code lock} holds. */
  public static RunRequest inLockedFolder(
      TrainingConfig config, TrainingData data, RunFolderLock lock, RunObserver observer) {
    return new RunRequest(config, data, null, null, lock, observer, null, null, null, false);
  }

  /** Returns this request with its meters also registered in {@code registry} (may be null). */
  public RunRequest servedBy(MeterRegistry registry) {
    return new RunRequest(
        config, data, runsDir, runId, lock, observer, registry, trace, traceConsole, resume);
  }

  /** Returns this request with the engine traced over {@code steps}, summarized to {@code out}. */
  public RunRequest traced(TraceSteps steps, PrintWriter out) {
    return new RunRequest(config, data, runsDir, runId, lock, observer, served, steps, out, resume);
  }

  /**
   * This request, continuing the folder's run from its last checkpoint instead of starting afresh
   * (a finished run is left as it is). The config must match the folder's, except that {@code
   * epochs} may grow and {@code probes} may differ (they change what is recorded, not the numbers).
   * Resuming is run control: it changes no number, so it is not a config field.
   */
  public RunRequest resuming(boolean resume) {
    return new RunRequest(
        config, data, runsDir, runId, lock, observer, served, trace, traceConsole, resume);
  }
}
