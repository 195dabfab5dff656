package org.deltaboost.harness.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.optim.EncodedArrayHeader;
import org.deltaboost.harness.train.optim.TrainingOptimizer;
import org.deltaboost.records.EpochResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints forged behind a recomputed, valid CRC32C: every length in the parameters and the
 * optimizer state is checked against the network before anything is allocated, and the error names
 * the file and the field. The run is {@link CheckpointFileFuzzTest}'s: its network has 4 inputs, 3
 * hidden, 2 outputs (parameter {@code 01Linear_weight} (3, 4) first), its momentum SGD one buffer
 * per parameter.
 */
class CheckpointFileForgedTest {

  private static TrainingConfig config;
  private static byte[] head;
  private static byte[] parameters;
  private static List<String> names;

  @BeforeAll
  static void writeAValidCheckpoint(@TempDir Path run) throws Exception {
    EngineSetup.configure();
    config = CheckpointFileFuzzTest.config();
    CheckpointFile checkpoint = new CheckpointFile(run);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = CheckpointFileFuzzTest.network();
      block.initialize(manager, DataType.FLOAT32, CheckpointFileFuzzTest.INPUT);
      EpochResult epoch = new EpochResult(1, 0.5, 0.25, 1.0, 100.0, 0.1, null, null, null);
      checkpoint.write(config, List.of(epoch), block, optimizer());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      block.saveParameters(new DataOutputStream(bytes));
      parameters = bytes.toByteArray();
      names = block.getParameters().keys();
    }
    byte[] valid = Files.readAllBytes(checkpoint.path());
    head = Arrays.copyOf(valid, 3 * Integer.BYTES + ByteBuffer.wrap(valid).getInt(8));
    assertEquals("01Linear_weight", names.get(0));
  }

  private static TrainingOptimizer optimizer() {
    TrainingOptimizer optimizer =
        TrainingOptimizer.forConfig(config, config.resolvedLearningRate(), 1);
    assertEquals(1, optimizer.bufferCount());
    return optimizer;
  }

  @Test
  void theUnforgedPartsLoad(@TempDir Path run) throws Exception {
    assertEquals(
        1, read(run, seal(parameters, state(2, 1, names.size(), encodedWeights()))).size());
  }

  @Test
  void aParameterShapeOf2To31ElementsIsRefused(@TempDir Path run) throws Exception {
    byte[] forged = parameters.clone();
    ByteBuffer fields = ByteBuffer.wrap(forged);
    int dims = ArrayFields.dims(forged, 0);
    fields.putLong(dims, 1L << 29); // (2^29, 4): 2^31 floats
    IOException e = read(run, seal(forged, state(2, 1, names.size(), null)), IOException.class);
    assertTrue(
        e.getMessage()
            .contains(
                "does not fit this network: parameter '01Linear_weight' is stored as float32 (536870912, 4)"
                    + " where the network has float32 (3, 4)"),
        e.getMessage());
  }

  @Test
  void anArrayLengthOf0x7FFFFFF0IsRefused(@TempDir Path run) throws Exception {
    byte[] forged = parameters.clone();
    ByteBuffer.wrap(forged).putInt(ArrayFields.length(forged, 0), 0x7FFFFFF0);
    IOException e = read(run, seal(forged, state(2, 1, names.size(), null)), IOException.class);
    assertTrue(
        e.getMessage()
            .contains(
                "parameter '01Linear_weight' declares 2147483632 data bytes where its float32 (3, 4) has 48"),
        e.getMessage());
  }

  @Test
  void aParameterOfAnotherShapeIsRefused(@TempDir Path run) throws Exception {
    byte[] forged = parameters.clone();
    ByteBuffer fields = ByteBuffer.wrap(forged);
    int dims = ArrayFields.dims(forged, 0);
    fields.putLong(dims, 4).putLong(dims + Long.BYTES, 3); // (4, 3): the same 48 bytes
    IOException e = read(run, seal(forged, state(2, 1, names.size(), null)), IOException.class);
    assertTrue(
        e.getMessage()
            .contains(
                "parameter '01Linear_weight' is stored as float32 (4, 3) where the network has float32 (3, 4)"),
        e.getMessage());
  }

  @Test
  void aHugeCountOfInputShapesInTheBlockDataIsRefused(@TempDir Path run) throws Exception {
    byte[] forged = parameters.clone();
    ByteBuffer.wrap(forged).putInt(1, 0x7FFFFFFF); // after the block's version byte
    IOException e = read(run, seal(forged, state(2, 1, names.size(), null)), IOException.class);
    assertTrue(
        e.getMessage()
            .contains(
                "its layers differ from the network's (block data before parameter '01Linear_weight')"),
        e.getMessage());
  }

  @Test
  void anOptimizerBufferOfHugeLengthIsRefused(@TempDir Path run) throws Exception {
    byte[] buffer = encodedWeights();
    ByteBuffer.wrap(buffer).putInt(ArrayFields.length(buffer, 0), 0x7FFFFFF0);
    IOException e =
        read(run, seal(parameters, state(2, 1, names.size(), buffer)), IOException.class);
    assertTrue(
        e.getMessage()
            .contains(
                "optimizer state buffer 0 of parameter '01Linear_weight' declares"
                    + " 2147483632 data bytes where its float32 (3, 4) has 48"),
        e.getMessage());
  }

  @Test
  void anOptimizerBufferOf2To31ElementsIsRefused(@TempDir Path run) throws Exception {
    byte[] buffer = encodedWeights();
    ByteBuffer.wrap(buffer).putLong(ArrayFields.dims(buffer, 0), 1L << 29);
    IOException e =
        read(run, seal(parameters, state(2, 1, names.size(), buffer)), IOException.class);
    assertTrue(
        e.getMessage()
            .contains(
                "optimizer state buffer 0 of parameter '01Linear_weight' is stored as"
                    + " float32 (536870912, 4) where the network has float32 (3, 4)"),
        e.getMessage());
  }

  @Test
  void hugeOptimizerCountsAreRefused(@TempDir Path run) throws Exception {
    IOException buffers =
        read(run, seal(parameters, state(2, 0x7FFFFFFF, names.size(), null)), IOException.class);
    assertTrue(
        buffers.getMessage().contains("with 2147483647 buffers per parameter"),
        buffers.getMessage());
    IOException count =
        read(run, seal(parameters, state(2, 1, 0x7FFFFFFF, null)), IOException.class);
    assertTrue(
        count.getMessage().contains("optimizer state has 2147483647 parameters, the network has 4"),
        count.getMessage());
  }

  @Test
  void aNegativeUpdateCountIsRefused(@TempDir Path run) throws Exception {
    byte[] state = state(2, 1, names.size(), null);
    int firstUpdates =
        3 * Integer.BYTES + 2 + 3 + 2 + names.get(0).length(); // after "sgd" and the name
    ByteBuffer.wrap(state).putLong(firstUpdates, -1);
    IOException e = read(run, seal(parameters, state), IOException.class);
    assertTrue(
        e.getMessage().contains("optimizer state has -1 updates of parameter '01Linear_weight'"),
        e.getMessage());
  }

  /** The first weight's encoding (float32 (3, 4)), as an optimizer buffer of its shape. */
  private static byte[] encodedWeights() {
    int start = ArrayFields.start(parameters, 0);
    int end = ArrayFields.length(parameters, 0) + Integer.BYTES + 48;
    return Arrays.copyOfRange(parameters, start, end);
  }

  /**
   * An optimizer state section: the given version, buffer and parameter counts, then per parameter
   * its name, no updates, and as its one buffer {@code firstBuffer} for the first parameter (none
   * when {@code null}) and none for the others.
   */
  private static byte[] state(int version, int buffers, int count, byte[] firstBuffer)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(version);
    out.writeUTF("sgd");
    out.writeInt(buffers);
    out.writeInt(count);
    for (int i = 0; i < names.size(); i++) {
      out.writeUTF(names.get(i));
      out.writeLong(0);
      boolean present = i == 0 && firstBuffer != null;
      out.writeBoolean(present);
      if (present) {
        out.write(firstBuffer);
      }
    }
    return bytes.toByteArray();
  }

  /** The valid head, the given sections, the end marker and a correct CRC32C. */
  private static byte[] seal(byte[] parameterSection, byte[] stateSection) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(head);
    out.write(parameterSection);
    out.write(stateSection);
    out.writeInt(0x4442434B);
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }

  private static List<EpochResult> read(Path run, byte[] file) throws IOException {
    CheckpointFile checkpoint = new CheckpointFile(run);
    Files.write(checkpoint.path(), file);
    try (NDManager manager = NDManager.newBaseManager()) {
      return checkpoint.readInto(
          config,
          CheckpointFileFuzzTest.network(),
          CheckpointFileFuzzTest.INPUT,
          manager,
          optimizer());
    }
  }

  /** Reads {@code file}, expecting {@code type}, fast, in one line naming the file. */
  private static <T extends Throwable> T read(Path run, byte[] file, Class<T> type) {
    long start = System.nanoTime();
    T thrown = assertThrows(type, () -> read(run, file));
    assertTrue(System.nanoTime() - start < 2_000_000_000L, "took over 2 s");
    assertTrue(
        thrown.getMessage().contains(run.resolve(CheckpointFile.NAME).toString()),
        thrown.getMessage());
    assertTrue(thrown.getMessage().indexOf('\n') < 0, "one line: " + thrown.getMessage());
    return thrown;
  }

  /** Where the fields of the {@code index}-th encoded array in a DJL parameter section are. */
  static final class ArrayFields {

    /** The offset of the {@code index}-th {@code "NDAR"} UTF field. */
    static int start(byte[] bytes, int index) {
      int found = -1;
      for (int i = 0; i + 6 <= bytes.length; i++) {
        if (EncodedArrayHeader.startsAnArray(bytes, i, bytes.length - i) && found++ == index - 1) {
          return i;
        }
      }
      throw new AssertionError("no array " + index);
    }

    /** The offset of the first dimension (a long). */
    static int dims(byte[] bytes, int index) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int at = start(bytes, index) + 6 + Integer.BYTES;
      at += bytes[at] == 1 ? 1 + 2 + b.getShort(at + 1) : 1; // the name
      at += 2 + b.getShort(at); // the sparse format
      at += 2 + b.getShort(at); // the data type
      return at + Integer.BYTES;
    }

    /** The offset of the data length (an int). */
    static int length(byte[] bytes, int index) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int rankAt = dims(bytes, index) - Integer.BYTES;
      int layoutAt = rankAt + Integer.BYTES + Long.BYTES * b.getInt(rankAt);
      return layoutAt + Integer.BYTES + Character.BYTES * b.getInt(layoutAt) + 1;
    }
  }
}
