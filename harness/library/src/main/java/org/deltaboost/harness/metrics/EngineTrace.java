package org.deltaboost.harness.metrics;

import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.deltaboost.harness.train.TrainingObserver;

/**
 * Records libtorch's profiler over a few training steps ({@link TraceSteps}) into a Chrome trace
 * file (open it in {@code chrome://tracing} or Perfetto) and prints where the steps' time went
 * ({@link EngineTraceSummary}). The profiler starts after the step before the first traced one and
 * stops after the last, so the traced steps also carry the observers' per-step work and the
 * profiler's own cost; their epoch's timing is not comparable with an untraced run's.
 *
 * <p>Needs DJL's PyTorch engine. A run that ends inside the traced steps (divergence, an error)
 * stops the profiler on {@link #close}, which keeps what was recorded as {@code <file>.incomplete}
 * and prints no summary.
 */
public final class EngineTrace implements TrainingObserver, AutoCloseable {

  private final TraceSteps steps;
  private final Path file;
  private final PrintWriter out;
  private boolean recording;
  private EngineTraceSummary summary;

  /**
   * Prepares a trace.
   *
   * @param steps the steps to trace
   * @param file where the trace goes
   * @param out where the summary line goes
   * @throws IllegalStateException when the engine is not PyTorch
   */
  public EngineTrace(TraceSteps steps, Path file, PrintWriter out) {
    String engine = Engine.getInstance().getEngineName();
    if (!"PyTorch".equals(engine)) {
      throw new IllegalStateException(
          "engine traces need the PyTorch engine, this run uses " + engine);
    }
    this.steps = steps;
    this.file = file;
    this.out = out;
  }

  /** Returns the summary once the traced steps are done, else {@code null}. */
  public EngineTraceSummary summary() {
    return summary;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the traced epoch has fewer steps than the trace asks for
   */
  @Override
  public void onEpochStart(int epoch, int epochs, int stepsPerEpoch) {
    if (epoch == steps.epoch() && steps.to() > stepsPerEpoch) {
      throw new IllegalArgumentException(
          "trace steps " + steps + ": epoch " + epoch + " has only " + stepsPerEpoch + " steps");
    }
    if (epoch == steps.epoch() && steps.from() == 1) {
      start();
    }
  }

  @Override
  public void onStep(int epoch, int step, int stepsPerEpoch) {
    if (epoch != steps.epoch()) {
      return;
    }
    if (step == steps.from() - 1) {
      start();
    } else if (step == steps.to() && recording) {
      recording = false;
      JniUtils.stopProfile(file.toString());
      try {
        summary = EngineTraceSummary.read(file, steps.count());
      } catch (IOException e) {
        throw new UncheckedIOException("reading the engine trace " + file, e);
      }
      out.printf(
          "engine trace of epoch %d steps %d-%d (%s): %s%n",
          steps.epoch(), steps.from(), steps.to(), file.getFileName(), summary.describe());
      out.flush();
    }
  }

  /** Says so when the traced steps never ran (a resumed run that starts after their epoch). */
  @Override
  public void onTrainingEnd(Block trained) {
    if (summary == null && !recording) {
      out.printf(
          "engine trace: epoch %d steps %d-%d did not run in this process (nothing traced)%n",
          steps.epoch(), steps.from(), steps.to());
      out.flush();
    }
  }

  private void start() {
    JniUtils.startProfile(false, true, false);
    recording = true;
  }

  /** Stops a profiler still running (the run ended inside the traced steps). */
  @Override
  public void close() {
    if (recording) {
      recording = false;
      Path discarded = file.resolveSibling(file.getFileName() + ".incomplete");
      JniUtils.stopProfile(discarded.toString());
    }
  }
}
