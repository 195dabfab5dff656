package org.deltaboost.harness.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ai.djl.nn.Block;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deltaboost.harness.train.EpochProbes;
import org.deltaboost.harness.train.EpochResult;
import org.deltaboost.harness.train.TrainingObserver;

/**
 * Writes a run record into {@code runs/<id>/}: {@code config.json} (the config, the resolved
 * strategy parameters and learning rate, the provenance), {@code epochs.jsonl} (one
 * {@link EpochResult} per line, followed by the {@link EpochProbes} fields of the probes that are on,
 * flushed as each epoch ends) and {@code result.json} (status and
 * summary). Whole files are written to a temporary name and renamed, so none is ever half written.
 */
public final class RunRecorder implements TrainingObserver, AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final Path directory;
  private BufferedWriter epochs;

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
    this.epochs = openEpochs(StandardOpenOption.TRUNCATE_EXISTING);
  }

  private RunRecorder(Path directory) throws IOException {
    this.directory = directory;
    Files.deleteIfExists(directory.resolve("result.json"));
    this.epochs = openEpochs(StandardOpenOption.TRUNCATE_EXISTING);
  }

  /**
   * Continues the record of an interrupted run: keeps its {@code config.json}, removes a stale
   * {@code result.json}, and starts {@code epochs.jsonl} afresh; when the run resumes from a
   * checkpoint, {@link #onResume} writes the checkpoint's epochs back first.
   *
   * @param directory the run's existing folder
   */
  public static RunRecorder reopen(Path directory) throws IOException {
    if (!Files.isRegularFile(directory.resolve("config.json"))) {
      throw new IOException("run folder " + directory + " has no config.json to continue");
    }
    return new RunRecorder(directory);
  }

  private BufferedWriter openEpochs(StandardOpenOption mode) throws IOException {
    return Files.newBufferedWriter(
        directory.resolve("epochs.jsonl"),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        mode,
        StandardOpenOption.WRITE);
  }

  /** Returns the run's folder. */
  public Path directory() {
    return directory;
  }

  /**
   * Rewrites {@code epochs.jsonl} with the epochs a checkpoint holds: lines written after the
   * checkpoint (an epoch recorded just before a crash) are dropped, so the record matches the state
   * training continues from. An epoch's existing line is kept as it was (with its probe fields);
   * one the checkpoint holds but the file lacks is written from the checkpoint.
   */
  @Override
  public void onResume(List<EpochResult> done, int epochCount) {
    try {
      epochs.close();
      Map<Integer, String> written = new HashMap<>();
      for (String line : Files.readAllLines(directory.resolve("epochs.jsonl"))) {
        if (!line.isBlank()) {
          written.put(json.readTree(line).path("epoch").asInt(), line);
        }
      }
      StringBuilder lines = new StringBuilder();
      for (EpochResult result : done) {
        String line = written.get(result.epoch());
        boolean same =
            line != null && json.readValue(line, EpochResult.class).equals(result);
        lines.append(same ? line : json.writeValueAsString(result)).append('\n');
      }
      Path temp = directory.resolve("epochs.jsonl.tmp");
      Files.writeString(temp, lines);
      Files.move(
          temp,
          directory.resolve("epochs.jsonl"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      epochs = openEpochs(StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + directory.resolve("epochs.jsonl"), e);
    }
  }

  @Override
  public void onEpochEnd(EpochResult result, int epochCount) {
    onEpochEnd(result, EpochProbes.NONE, epochCount);
  }

  /** Appends the epoch's line: the {@link EpochResult} fields, then those of {@code probes}. */
  @Override
  public void onEpochEnd(EpochResult result, EpochProbes probes, int epochCount) {
    try {
      ObjectNode line = json.valueToTree(result);
      line.setAll((ObjectNode) json.valueToTree(probes));
      epochs.write(json.writeValueAsString(line));
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
    Path temp = directory.resolve(MODEL_PARAMETERS + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
          DataOutputStream out =
              new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)))) {
        trained.saveParameters(out);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
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
