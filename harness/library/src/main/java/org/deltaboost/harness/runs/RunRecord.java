package org.deltaboost.harness.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deltaboost.harness.train.EpochResult;

/**
 * A run folder as {@link RunRecorder} left it, read back: the config it was started with, its
 * epochs so far and, once it has ended, its status.
 *
 * @param directory the run folder
 * @param config the {@code config} object of {@code config.json} (the run's TrainingConfig)
 * @param learningRate the learning rate the run used
 * @param epochs the lines of {@code epochs.jsonl}
 * @param result {@code result.json}, or {@code null} while the run is unfinished
 */
public record RunRecord(
    Path directory,
    ObjectNode config,
    double learningRate,
    List<EpochResult> epochs,
    JsonNode result) {

  /** Status of a run that trained all its epochs. */
  public static final String COMPLETED = "completed";

  /** Status of a run stopped by a non-finite loss. */
  public static final String DIVERGED = "diverged";

  /**
   * Status of a new run that stopped on an error other than divergence (its {@code message} says
   * which); it is not finished, so {@code --resume} continues it from its checkpoint, if any.
   */
  public static final String FAILED = "failed";

  /** Copies the list. */
  public RunRecord {
    epochs = List.copyOf(epochs);
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
    ObjectMapper json = new ObjectMapper();
    Path configFile = directory.resolve("config.json");
    JsonNode header = readJson(json, configFile);
    if (!(header.get("config") instanceof ObjectNode config)) {
      throw new IOException(configFile + " has no 'config' object");
    }
    List<EpochResult> epochs = new ArrayList<>();
    Path epochsFile = directory.resolve("epochs.jsonl");
    if (Files.exists(epochsFile)) {
      int lineNumber = 0;
      for (String line : Files.readAllLines(epochsFile)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          epochs.add(json.readValue(line, EpochResult.class));
        } catch (IOException e) {
          throw new IOException(epochsFile + " line " + lineNumber + " is not an epoch result", e);
        }
      }
    }
    Path resultFile = directory.resolve("result.json");
    JsonNode result = Files.exists(resultFile) ? readJson(json, resultFile) : null;
    return new RunRecord(
        directory, config, header.path("learningRate").asDouble(Double.NaN), epochs, result);
  }

  private static JsonNode readJson(ObjectMapper json, Path file) throws IOException {
    try {
      return json.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("cannot read run record file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns {@code completed}, {@code diverged}, {@code failed}, or {@code null} while unfinished.
   */
  public String status() {
    return result == null ? null : result.path("status").asText(null);
  }

  /** Returns whether the run ended as completed with {@code epochCount} epochs, or diverged. */
  public boolean finished(int epochCount) {
    return DIVERGED.equals(status()) || (COMPLETED.equals(status()) && epochs.size() == epochCount);
  }
}
