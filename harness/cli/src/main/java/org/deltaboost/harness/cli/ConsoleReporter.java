package org.deltaboost.harness.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import org.deltaboost.harness.runs.RunObserver;
import org.deltaboost.records.EpochResult;

/**
 * Shows a run's progress: a bar with ETA inside each epoch (only on an interactive terminal, or
 * when forced) and one line per epoch with loss, test error, time, throughput and the run's ETA.
 */
final class ConsoleReporter implements RunObserver {

  private static final int BAR_WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter lines;
  private final PrintStream bar;
  private final boolean showBar;
  private final String label;
  private long epochStart;
  private long lastDraw;
  private double secondsSoFar;

  ConsoleReporter(PrintWriter lines, PrintStream bar, boolean showBar, String label) {
    this.lines = lines;
    this.bar = bar;
    this.showBar = showBar;
    this.label = label;
  }

  /** Prints one line about the run, e.g. a lock taken over from a killed process. */
  @Override
  public void onNote(String text) {
    lines.printf(Locale.ROOT, "%s %s%n", label, text);
    lines.flush();
  }

  @Override
  public void onResume(java.util.List<EpochResult> done, int epochs) {
    for (EpochResult r : done) {
      secondsSoFar += r.seconds() + r.evalSeconds();
    }
    lines.printf(
        Locale.ROOT,
        "%s resuming after epoch %d/%d from the checkpoint%n",
        label,
        done.size(),
        epochs);
    lines.flush();
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int steps) {
    epochStart = System.nanoTime();
    lastDraw = 0;
  }

  @Override
  public void onStep(int epoch, int step, int steps) {
    if (!showBar) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS && step < steps) {
      return;
    }
    lastDraw = now;
    double elapsed = (now - epochStart) / 1e9;
    double eta = elapsed / step * (steps - step);
    int filled = (int) ((long) BAR_WIDTH * step / steps);
    bar.printf(
        Locale.ROOT,
        "\r%s epoch %d [%s%s] %3d%% %5.1fs ETA %5.1fs",
        label,
        epoch,
        "#".repeat(filled),
        ".".repeat(BAR_WIDTH - filled),
        100L * step / steps,
        elapsed,
        eta);
    bar.flush();
  }

  @Override
  public void onEpochEnd(EpochResult r, int epochs) {
    if (showBar) {
      bar.print("\r" + " ".repeat(BAR_WIDTH + 40 + label.length()) + "\r");
      bar.flush();
    }
    secondsSoFar += r.seconds() + r.evalSeconds();
    double eta = secondsSoFar / r.epoch() * (epochs - r.epoch());
    lines.printf(
        Locale.ROOT,
        "%s epoch %3d/%d  loss %9.4f  test error %6.2f%%  %6.1f s  %7.0f samples/s  ETA %s%n",
        label,
        r.epoch(),
        epochs,
        r.trainLoss(),
        100 * r.testError(),
        r.seconds(),
        r.samplesPerSecond(),
        formatDuration(eta));
    lines.flush();
  }

  static String formatDuration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
