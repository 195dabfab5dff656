package org.deltaboost.harness.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.records.EpochProbes;
import org.deltaboost.records.EpochRecord;
import org.deltaboost.records.EpochResult;
import org.deltaboost.records.RunRecordException;
import org.deltaboost.records.RunRecordJson;
import org.deltaboost.records.RunResult;

/**
 * A run folder as {@link RunRecorder} left it, read back: the config it was started with, its
 * epochs so far and, once it has ended, its status.
 *
 * @param directory the run folder
 * @param config the {@code config} object of {@code config.json} (the run's TrainingConfig)
 * @param learningRate the learning rate the run used
 * @param epochs the epoch results of the lines of {@code epochs.jsonl}
 * @param probes the probe fields of the same lines, one per epoch ({@link EpochProbes#NONE} where
 *     no probe was on)
 * @param result {@code result.json}, or {@code null} while the run is unfinished
 */
public record RunRecord(
    Path directory,
    ObjectNode config,
    double learningRate,
    List<EpochResult> epochs,
    List<EpochProbes> probes,
    RunResult result) {

  /** Status of a run that trained all its epochs. */
  public static final String COMPLETED = RunResult.COMPLETED;

  /** Status of a run stopped by a non-finite loss. */
  public static final String DIVERGED = RunResult.DIVERGED;

  /**
   * Status of a new run that stopped on an error other than divergence (its {@code message} says
   * which); it is not finished, so {@code --resume} continues it from its checkpoint, if any.
   */
  public static final String FAILED = RunResult.FAILED;

  /** Copies the lists, which must be as long as each other. */
  public RunRecord {
    epochs = List.copyOf(epochs);
    probes = List.copyOf(probes);
    if (probes.size() != epochs.size()) {
      throw new IllegalArgumentException(
          probes.size() + " epochs of probes for " + epochs.size() + " epoch results");
    }
  }

  /** Returns whether {@code directory} holds a run record ({@code config.json}). */
  public static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve("config.json"));
  }

  /**
   * Reads a run folder.
   *
   * @throws IOException when a file is unreadable or malformed; the message names it
   */
  public static RunRecord read(Path directory) throws IOException {
    try {
      Path configFile = directory.resolve("config.json");
      JsonNode header = RunRecordJson.readTree(configFile);
      if (!(header.get("config") instanceof ObjectNode config)) {
        throw new IOException(configFile + " has no 'config' object");
      }
      List<EpochRecord> lines = RunRecordJson.readEpochs(directory.resolve("epochs.jsonl"));
      Path resultFile = directory.resolve("result.json");
      RunResult result = Files.exists(resultFile) ? RunRecordJson.readResult(resultFile) : null;
      return new RunRecord(
          directory,
          config,
          header.path("learningRate").asDouble(Double.NaN),
          lines.stream().map(EpochRecord::result).toList(),
          lines.stream().map(EpochRecord::probes).toList(),
          result);
    } catch (RunRecordException e) {
      throw new IOException("cannot read run record " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns {@code completed}, {@code diverged}, {@code failed}, or {@code null} while unfinished.
   */
  public String status() {
    return result == null ? null : result.status();
  }

  /** Returns whether the run ended as completed with {@code epochCount} epochs, or diverged. */
  public boolean finished(int epochCount) {
    return DIVERGED.equals(status()) || (COMPLETED.equals(status()) && epochs.size() == epochCount);
  }
}
