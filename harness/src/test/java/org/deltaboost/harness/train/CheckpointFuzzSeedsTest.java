package org.deltaboost.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the seeds of {@link CheckpointFileFuzzTest} into {@code target/checkpoint-fuzz-seeds/}
 * (copied by hand into its inputs folder) and checks each reads as it should: the valid one
 * loads, the damaged ones fail with a message naming the file.
 */
class CheckpointFuzzSeedsTest {

  @Test
  void seedsReadAsExpected(@TempDir Path run) throws Exception {
    EngineSetup.configure();
    TrainingConfig config = CheckpointFileFuzzTest.config();
    CheckpointFile checkpoint = new CheckpointFile(run);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = CheckpointFileFuzzTest.network();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
      EpochResult epoch = new EpochResult(1, 0.5, 0.25, 1.0, 100.0, 0.1, null, null, null);
      checkpoint.write(config, List.of(epoch), block, TrainingOptimizer.forConfig(config, 1));
    }
    byte[] valid = Files.readAllBytes(checkpoint.path());
    byte[] flipped = valid.clone();
    for (int i = 0; i < 16; i++) {
      flipped[valid.length / 2 + i] ^= (byte) 0xFF;
    }
    Path seeds = Path.of("target", "checkpoint-fuzz-seeds");
    Files.createDirectories(seeds);
    Files.write(seeds.resolve("valid-one-epoch"), valid);
    Files.write(seeds.resolve("truncated-half"), Arrays.copyOf(valid, valid.length / 2));
    Files.write(seeds.resolve("flipped-16-bytes"), flipped);
    Files.write(seeds.resolve("forged-json-length"), CheckpointFileTest.forged(0x7FFFFFF0, new byte[32]));

    try (NDManager manager = NDManager.newBaseManager()) {
      List<EpochResult> read =
          checkpoint.readInto(config, CheckpointFileFuzzTest.network(), CheckpointFileFuzzTest.INPUT, manager, TrainingOptimizer.forConfig(config, 1));
      assertEquals(1, read.size());
    }
    for (String damaged : List.of("truncated-half", "flipped-16-bytes", "forged-json-length")) {
      Files.copy(seeds.resolve(damaged), checkpoint.path(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (NDManager manager = NDManager.newBaseManager()) {
        IOException e = assertThrows(IOException.class, () -> checkpoint.readInto(
            config, CheckpointFileFuzzTest.network(), CheckpointFileFuzzTest.INPUT, manager, TrainingOptimizer.forConfig(config, 1)), damaged);
        assertTrue(e.getMessage().contains(checkpoint.path().toString()), e.getMessage());
      }
    }
  }
}
