package org.deltaboost.harness.train.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.config.StrategySettings;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.optim.TrainingOptimizer;

/**
 * Coverage-guided fuzz tests of the checkpoint reader: the input is written as {@code
 * checkpoint.bin} into a run folder and read into a small network, as it is ({@link #readInto}) or
 * with its correct CRC32C appended ({@link #readIntoWithValidChecksum}). The documented error is an
 * {@link IOException} whose message names the file; anything else, an {@link OutOfMemoryError} or
 * an input that takes over a second is a finding. {@code ./mvnw verify} replays the committed seeds
 * in {@code src/test/resources/org/deltaboost/harness/train/CheckpointFileFuzzTestInputs/<method>/}
 * (written by {@link CheckpointFuzzSeedsTest}).
 */
class CheckpointFileFuzzTest {

  private static final Path FOLDER;
  private static final TrainingConfig CONFIG = config();

  /** The input shape {@link #network()} is initialized for. */
  static final Shape INPUT = new Shape(1, 4);

  static {
    EngineSetup.configure();
    try {
      FOLDER = Files.createTempDirectory("checkpoint-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The run the seeds were written for: 3 epochs, a tiny network, SGD with momentum (one buffer).
   */
  static TrainingConfig config() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataset", "fashion-mnist-embedded");
    fields.put("strategy", StrategySettings.of("linear"));
    fields.put("epochs", 3);
    fields.put("batchSize", 4);
    fields.put("seed", 1L);
    fields.put("momentum", 0.9);
    try {
      return new TrainingConfigReader().read(null, fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A network small enough for seeds of a few hundred bytes: 4 inputs, 3 hidden, 2 outputs. */
  static Block network() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(3).build())
        .add(Linear.builder().setUnits(2).build());
  }

  @FuzzTest
  void readInto(byte[] input) throws IOException {
    read(input);
  }

  /**
   * The input is a checkpoint without its last four bytes, which are the CRC32C of the rest,
   * appended here: the parsers behind the checksum (the JSON, DJL's parameters, the optimizer
   * state) get the fuzzer's bytes.
   */
  @FuzzTest
  void readIntoWithValidChecksum(byte[] content) throws IOException {
    read(sealed(content));
  }

  /** The input with its CRC32C appended: the file {@link #readIntoWithValidChecksum} reads. */
  static byte[] sealed(byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(content);
    return ByteBuffer.allocate(content.length + Integer.BYTES)
        .put(content)
        .putInt((int) crc.getValue())
        .array();
  }

  private static void read(byte[] input) throws IOException {
    CheckpointFile checkpoint = new CheckpointFile(FOLDER);
    Files.write(checkpoint.path(), input);
    TrainingConfig config = CONFIG;
    try (NDManager manager = NDManager.newBaseManager()) {
      checkpoint.readInto(
          config,
          network(),
          INPUT,
          manager,
          TrainingOptimizer.forConfig(config, config.resolvedLearningRate(), 1));
    } catch (IOException expected) {
      if (expected.getMessage() == null
          || !expected.getMessage().contains(checkpoint.path().toString())) {
        throw new AssertionError(
            "the error does not name the file: " + expected.getMessage(), expected);
      }
    }
  }
}
