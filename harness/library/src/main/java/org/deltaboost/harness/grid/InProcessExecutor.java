package org.deltaboost.harness.grid;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.deltaboost.harness.runs.RecordedRun;
import org.deltaboost.harness.runs.RunFolderLock;
import org.deltaboost.harness.runs.RunFolderLockedException;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.runs.RunRequest;
import org.deltaboost.harness.train.TrainingDivergedException;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.samples.TrainingData;

/**
 * Trains trials in this JVM, one after another, each a {@link RecordedRun} in its folder under the
 * folder's lock; a dataset is loaded once for all trials that read it the same way. Unless told
 * otherwise, the first trial this executor trains is preceded by an untimed {@link WarmUp}, so that
 * no trial's training seconds include the engine's loading and the JIT's warm-up.
 */
public final class InProcessExecutor implements TrialExecutor {

  private final MeterRegistry served;
  private final Map<String, TrainingData> loaded = new HashMap<>();
  private boolean warmUpPending = true;
  private WarmUp warmUp;

  /**
   * @param served a registry that also gets each trial's meters (a served metrics endpoint's), or
   *     {@code null}
   */
  public InProcessExecutor(MeterRegistry served) {
    this.served = served;
  }

  @Override
  public TrialAttempt execute(GridPlan plan, int index, GridListener listener) throws IOException {
    GridTrial trial = plan.trials().get(index);
    try (RunFolderLock lock = RunFolderLock.acquire(plan.trialFolder(index))) {
      if (RunRecord.exists(lock.folder())) {
        RunRecord record = RunRecord.read(lock.folder());
        if (record.finished(trial.config().epochs())) {
          return TrialAttempt.skipped(record.status());
        }
      }
      try {
        if (warmUpPending) {
          warmUpPending = false;
          warmUp = WarmUp.of(trial, data(trial.config()));
        }
        RecordedRun.run(
            RunRequest.inLockedFolder(
                    trial.config(), data(trial.config()), lock, listener.observer(trial))
                .servedBy(served)
                .resuming(true)); // a rerun of the grid continues the trial
        return TrialAttempt.trained();
      } catch (TrainingDivergedException e) {
        return TrialAttempt.diverged(e.getMessage());
      }
    } catch (RunFolderLockedException e) {
      return TrialAttempt.leftTo(e.holder());
    }
  }

  /** Trains no warm-up (tests that time nothing); returns this executor. */
  public InProcessExecutor withoutWarmUp() {
    warmUpPending = false;
    return this;
  }

  /** The warm-up this executor trained, or {@code null} (none needed, or none yet). */
  public WarmUp warmUp() {
    return warmUp;
  }

  /** The config's data, loaded on first use and kept for the trials that read it the same way. */
  public TrainingData data(TrainingConfig config) throws IOException {
    String key = config.dataset() + "|" + config.dataDir() + "|" + config.validationFraction();
    TrainingData data = loaded.get(key);
    if (data == null) {
      data = RecordedRun.load(config);
      loaded.put(key, data);
    }
    return data;
  }
}
