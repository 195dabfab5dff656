package org.deltaboost.harness.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.harness.train.config.StrategySettings;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint reader trusts nothing before its checksum, bounds its lengths and checks the run.
 */
class CheckpointFileTest {

  private static TrainingData data;

  @BeforeAll
  static void loadEmbeddedData() throws Exception {
    EngineSetup.configure();
    data = DatasetCatalog.load(DatasetCatalog.EMBEDDED, null);
  }

  static TrainingConfig config(int epochs, long seed) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataset", DatasetCatalog.EMBEDDED);
    fields.put("strategy", StrategySettings.of("linear"));
    fields.put("epochs", epochs);
    fields.put("batchSize", 50);
    fields.put("seed", seed);
    fields.put("trainLimit", 100);
    try {
      return new TrainingConfigReader().read(null, fields);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static TrainingRun run(TrainingConfig config) {
    return new TrainingRun(config, data, ModelCatalog.create("mlp", 1, 28, 28, 10), List.of());
  }

  @Test
  void flippedBytesFailTheChecksumBeforeAnythingIsLoaded(@TempDir Path dir) throws Exception {
    CheckpointFile checkpoint = new CheckpointFile(dir);
    run(config(1, 1)).run(checkpoint);
    byte[] good = Files.readAllBytes(checkpoint.path());
    byte[] flipped = good.clone();
    for (int i = 0; i < 64; i++) {
      flipped[good.length / 2 + i] ^= (byte) 0xFF;
    }
    Files.write(checkpoint.path(), flipped);
    IOException e = assertThrows(IOException.class, () -> run(config(2, 1)).run(checkpoint));
    assertTrue(
        e.getMessage().contains(checkpoint.path() + " fails its CRC32C check"), e.getMessage());
    // The good one continues.
    Files.write(checkpoint.path(), good);
    assertEquals(2, run(config(2, 1)).run(checkpoint).epochs().size());
  }

  @Test
  void aLengthPastTheFileIsRefusedWithoutAllocatingIt(@TempDir Path dir) throws Exception {
    CheckpointFile checkpoint = new CheckpointFile(dir);
    for (int length : new int[] {0x7FFFFFFF, 0x7FFFFFF0, -1}) {
      Files.write(checkpoint.path(), forged(length, new byte[64]));
      IOException e = assertThrows(IOException.class, () -> checkpoint.verify(config(1, 1)));
      assertTrue(
          e.getMessage()
              .contains("claims " + Integer.toUnsignedLong(length) + " bytes of epoch results"),
          e.getMessage());
    }
  }

  @Test
  void aCheckpointOfMoreEpochsThanTheRunIsRefused(@TempDir Path dir) throws Exception {
    CheckpointFile checkpoint = new CheckpointFile(dir);
    run(config(2, 1)).run(checkpoint);
    IOException e = assertThrows(IOException.class, () -> run(config(1, 1)).run(checkpoint));
    assertTrue(
        e.getMessage().contains("holds 2 epochs, more than the 1 this run trains"), e.getMessage());
  }

  @Test
  void aCheckpointOfAnotherRunIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
    CheckpointFile checkpoint = new CheckpointFile(dir);
    run(config(1, 1)).run(checkpoint);
    IOException e = assertThrows(IOException.class, () -> run(config(2, 7)).run(checkpoint));
    assertTrue(
        e.getMessage().contains("belongs to another run: seed (checkpoint: 1, run: 7)"),
        e.getMessage());
  }

  @Test
  void aFolderAtTheCheckpointPathIsNamed(@TempDir Path dir) throws Exception {
    CheckpointFile checkpoint = new CheckpointFile(dir);
    Files.createDirectories(checkpoint.path());
    assertTrue(checkpoint.exists());
    IOException e = assertThrows(IOException.class, () -> run(config(1, 1)).run(checkpoint));
    assertTrue(e.getMessage().contains("is a folder, not a checkpoint file"), e.getMessage());
  }

  /** A version-3 file with the given JSON length field and body, and a correct CRC32C. */
  static byte[] forged(int length, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x4442434B);
    out.writeInt(3);
    out.writeInt(length);
    out.write(body);
    out.writeInt(0x4442434B);
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }
}
