package org.deltaboost.harness.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deltaboost.harness.train.EpochResult;
import org.deltaboost.harness.train.TrainingObserver;

/**
 * Writes a run record into {@code runs/<id>/}: {@code config.json} (the config, the resolved
 * strategy parameters and learning rate, the provenance), {@code epochs.jsonl} (one
 * {@link EpochResult} per line, flushed as each epoch ends) and {@code result.json} (status and
 * summary). Whole files are written to a temporary name and renamed, so none is ever half written.
 */
public final class RunRecorder implements TrainingObserver, AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final Path directory;
  private final BufferedWriter epochs;

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
    this.epochs =
        Files.newBufferedWriter(
            directory.resolve("epochs.jsonl"),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
  }

  /** Returns the run's folder. */
  public Path directory() {
    return directory;
  }

  @Override
  public void onEpochEnd(EpochResult result, int epochCount) {
    try {
      epochs.write(json.writeValueAsString(result));
      epochs.newLine();
      epochs.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + directory.resolve("epochs.jsonl"), e);
    }
  }

  /**
   * Writes {@code result.json}.
   *
   * @param status {@code completed}, {@code diverged} or {@code failed}
   * @param summary further fields (message, minimum error, …)
   */
  public void finish(String status, Map<String, Object> summary) throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", status);
    result.putAll(summary);
    writeAtomically("result.json", result);
  }

  private void writeAtomically(String name, Object value) throws IOException {
    Path target = directory.resolve(name);
    Path temp = directory.resolve(name + ".tmp");
    Files.writeString(
        temp,
        json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n");
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws IOException {
    epochs.close();
  }
}
