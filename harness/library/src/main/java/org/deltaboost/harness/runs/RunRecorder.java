package org.deltaboost.harness.runs;

import ai.djl.nn.Block;
import java.io.BufferedWriter;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.TrainingObserver;
import org.deltaboost.records.AtomicFileWrite;
import org.deltaboost.records.EpochProbes;
import org.deltaboost.records.EpochRecord;
import org.deltaboost.records.EpochResult;
import org.deltaboost.records.RunRecordException;
import org.deltaboost.records.RunRecordJson;
import org.deltaboost.records.RunResult;

/**
 * Writes a run record into {@code runs/<id>/}: {@code config.json} (the config, the resolved
 * strategy parameters and learning rate, the provenance), {@code epochs.jsonl} (one {@link
 * EpochRecord} per line: the {@link EpochResult} fields, then the {@link EpochProbes} fields of the
 * probes that are on, flushed as each epoch ends) and {@code result.json} ({@link RunResult}), all
 * in the JSON form of {@link RunRecordJson}. Whole files are written through {@link
 * AtomicFileWrite}, so none is ever half written.
 *
 * <p>A reopened record ({@link #reopen}) changes nothing until training has got past the
 * checkpoint: {@link #onResume} (the checkpoint was read and verified) or the first epoch's {@link
 * #onEpochStart} (there was no checkpoint) rewrites {@code epochs.jsonl} and removes a stale {@code
 * result.json}. So a resume that fails on its checkpoint leaves every file of the record
 * byte-identical.
 */
public final class RunRecorder implements TrainingObserver, AutoCloseable {

  private final Path directory;
  private BufferedWriter epochs; // null until the record may be written (a reopened one)

  /**
   * Creates the run folder and writes its config.
   *
   * @param directory the run's folder; it must not exist yet or be empty
   * @param config the run's configuration and provenance, written to {@code config.json}
   */
  public RunRecorder(Path directory, Map<String, Object> config) throws IOException {
    this.directory = directory;
    Files.createDirectories(directory);
    writeAtomically("config.json", config);
    AtomicFileWrite.write(directory.resolve("epochs.jsonl"), new byte[0]);
    this.epochs = openEpochs();
  }

  private RunRecorder(Path directory) {
    this.directory = directory;
  }

  /**
   * Continues the record of an interrupted run: keeps its {@code config.json} and, until training
   * continues, every other file as it is (see the class comment).
   *
   * @param directory the run's existing folder
   */
  public static RunRecorder reopen(Path directory) throws IOException {
    if (!Files.isRegularFile(directory.resolve("config.json"))) {
      throw new IOException("run folder " + directory + " has no config.json to continue");
    }
    return new RunRecorder(directory);
  }

  private BufferedWriter openEpochs() throws IOException {
    return Files.newBufferedWriter(
        directory.resolve("epochs.jsonl"),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }

  /** Returns the run's folder. */
  public Path directory() {
    return directory;
  }

  /**
   * Rewrites {@code epochs.jsonl} with the epochs a checkpoint holds: lines written after the
   * checkpoint (an epoch recorded just before a crash) are dropped, so the record matches the state
   * training continues from. An epoch's existing line is kept whole (with its probe fields) when
   * its epoch result equals the checkpoint's; one the checkpoint holds but the file lacks (or holds
   * differently) is written from the checkpoint.
   */
  @Override
  public void onResume(List<EpochResult> done, int epochCount) {
    try {
      if (epochs != null) {
        epochs.close();
      }
      Map<Integer, String> written = new HashMap<>();
      Map<Integer, EpochResult> recorded = new HashMap<>();
      Path file = directory.resolve("epochs.jsonl");
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          try {
            if (!line.isBlank()) {
              EpochResult result = RunRecordJson.readEpochLine(line, file.toString()).result();
              written.put(result.epoch(), line);
              recorded.put(result.epoch(), result);
            }
          } catch (RunRecordException unreadable) {
            // A torn or foreign line: the checkpoint's result replaces it below.
          }
        }
      }
      StringBuilder lines = new StringBuilder();
      for (EpochResult result : done) {
        boolean same = result.equals(recorded.get(result.epoch()));
        lines
            .append(
                same
                    ? written.get(result.epoch())
                    : RunRecordJson.epochLine(new EpochRecord(result, EpochProbes.NONE)))
            .append('\n');
      }
      startWriting(lines.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + directory.resolve("epochs.jsonl"), e);
    }
  }

  /** A reopened record without a checkpoint starts its epochs afresh with epoch 1. */
  @Override
  public void onEpochStart(int epoch, int epochCount, int steps) {
    if (epochs == null) {
      try {
        startWriting("");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot rewrite " + directory.resolve("epochs.jsonl"), e);
      }
    }
  }

  /**
   * Replaces {@code epochs.jsonl} with {@code lines}, removes a stale result and opens it to
   * append.
   */
  private void startWriting(String lines) throws IOException {
    AtomicFileWrite.write(
        directory.resolve("epochs.jsonl"), lines.getBytes(StandardCharsets.UTF_8));
    Files.deleteIfExists(directory.resolve("result.json"));
    epochs = openEpochs();
  }

  @Override
  public void onEpochEnd(EpochResult result, int epochCount) {
    onEpochEnd(result, EpochProbes.NONE, epochCount);
  }

  /** Appends the epoch's line: the {@link EpochResult} fields, then those of {@code probes}. */
  @Override
  public void onEpochEnd(EpochResult result, EpochProbes probes, int epochCount) {
    try {
      if (epochs == null) {
        startWriting("");
      }
      epochs.write(RunRecordJson.epochLine(new EpochRecord(result, probes)));
      epochs.newLine();
      epochs.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + directory.resolve("epochs.jsonl"), e);
    }
  }

  /** The trained parameters' file name inside a run folder (DJL {@code Block.saveParameters}). */
  public static final String MODEL_PARAMETERS = "model.params";

  @Override
  public void onTrainingEnd(Block trained) {
    Path target = directory.resolve(MODEL_PARAMETERS);
    try {
      AtomicFileWrite.write(target, out -> trained.saveParameters(new DataOutputStream(out)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Writes {@code result.json}. */
  public void finish(RunResult result) throws IOException {
    writeAtomically("result.json", result);
  }

  private void writeAtomically(String name, Object value) throws IOException {
    AtomicFileWrite.write(directory.resolve(name), RunRecordJson.fileBytes(value));
  }

  @Override
  public void close() throws IOException {
    if (epochs != null) {
      epochs.close();
    }
  }
}
