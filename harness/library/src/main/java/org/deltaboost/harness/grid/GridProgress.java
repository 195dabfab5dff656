package org.deltaboost.harness.grid;

import java.util.Locale;

/**
 * Where a grid's trials stand while an executor runs them in other processes: done (finished, by
 * this run or before it), running, pending (waiting for a process or a scheduler slot), failed
 * (ended with the trial unfinished).
 *
 * @param done trials finished
 * @param running trials whose process runs
 * @param pending trials waiting to start
 * @param failed trials whose process ended without finishing them
 */
public record GridProgress(int done, int running, int pending, int failed) {

  /** This progress with {@code more} trials done (e.g. those finished before the batch). */
  public GridProgress plusDone(int more) {
    return new GridProgress(done + more, running, pending, failed);
  }

  /** The progress line, e.g. {@code 3 done / 2 running / 1 pending / 0 failed}. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "%d done / %d running / %d pending / %d failed",
        done,
        running,
        pending,
        failed);
  }
}
