package org.deltaboost.harness.cli;

import java.nio.file.Path;

/**
 * Which run folder a run is recorded in and whether to continue it, passed beside its {@code
 * TrainingConfig}: run control changes no number, so it is not a config field and not in the
 * folder's {@code config.json}. (The progress bar and the metrics endpoint are run control too;
 * they reach a run as its {@link ConsoleReporter} and its meter registry.)
 *
 * @param runsDir the folder holding run folders
 * @param runId the run's folder name, or {@code null} for {@code <strategy>-s<seed>-<time>}
 * @param resume continue the folder's run from its last checkpoint instead of starting afresh (a
 *     finished run is left as it is); its config must match the folder's, except that {@code
 *     epochs} may grow and {@code probes} may differ (they change what is recorded, not the
 *     numbers)
 */
record RunControl(Path runsDir, String runId, boolean resume) {

  /** Checks that a resumed run names its folder. */
  RunControl {
    if (resume && runId == null) {
      throw new IllegalArgumentException("resume needs the run folder's name (--run-id)");
    }
  }

  /** A new run in {@code runsDir}, named {@code runId} or by default. */
  static RunControl fresh(Path runsDir, String runId) {
    return new RunControl(runsDir, runId, false);
  }
}
